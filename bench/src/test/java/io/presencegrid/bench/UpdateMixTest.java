package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateMixTest {

    private static final List<String> STATUSES = List.of("online", "away", "busy");

    @Test
    void everyRoundCarriesTheSameShareOfChanges() {
        UpdateMix mix = new UpdateMix(1_000, 10, STATUSES);
        for (long round = 1; round < 40; round++) {
            assertThat(changesIn(mix, round * 1_000, 1_000)).as("changes in round %d", round).isEqualTo(100);
        }
    }

    @Test
    void anyStretchOfARunIsCloseToTheMix() {
        UpdateMix mix = new UpdateMix(5_000, 10, STATUSES);
        for (long start = 5_000; start < 200_000; start += 7_919) {
            assertThat(changesIn(mix, start, 3_000)).as("changes in the 3,000 updates from %d", start).isBetween(299L, 301L);
        }
    }

    @Test
    void eachUserChangesOnceEveryChangeEveryRounds() {
        UpdateMix mix = new UpdateMix(7, 10, STATUSES);
        for (int user = 0; user < 7; user++) {
            long changes = 0;
            for (long round = 1; round <= 100; round++) {
                long n = round * 7 + user;
                assertThat(mix.userOf(n)).isEqualTo(user);
                if (mix.isChange(n)) {
                    changes++;
                }
            }
            assertThat(changes).as("changes of user %d in 100 rounds", user).isEqualTo(10);
        }
    }

    @Test
    void changeEveryOneMakesEveryUpdateAfterTheFirstRoundAChange() {
        UpdateMix mix = new UpdateMix(50, 1, List.of("online", "away"));
        assertThat(changesIn(mix, 0, 50)).isZero();
        assertThat(changesIn(mix, 50, 5_000)).isEqualTo(5_000);
    }

    @Test
    void aChangeMovesToTheNextStatusInTurn() {
        UpdateMix mix = new UpdateMix(3, 1, STATUSES);
        assertThat(List.of(mix.statusOf(1), mix.statusOf(4), mix.statusOf(7), mix.statusOf(10)))
                .containsExactly("away", "busy", "online", "away");
    }

    @Test
    void refusesAMixWithoutAChangeToMake() {
        assertThatThrownBy(() -> new UpdateMix(10, 10, List.of("online"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UpdateMix(0, 10, STATUSES)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long changesIn(UpdateMix mix, long from, int count) {
        long changes = 0;
        for (long n = from; n < from + count; n++) {
            if (mix.isChange(n)) {
                changes++;
            }
        }
        return changes;
    }
}
