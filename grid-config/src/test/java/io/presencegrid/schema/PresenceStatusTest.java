package io.presencegrid.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceStatusTest {

    @Test
    void wireNamesAreLowerCaseAndRoundTrip() {
        for (PresenceStatus status : PresenceStatus.values()) {
            assertThat(PresenceStatus.fromWireName(status.wireName())).isEqualTo(status);
        }
        assertThat(PresenceStatus.INVISIBLE.wireName()).isEqualTo("invisible");
    }

    @Test
    void unknownOrUpperCaseStatusIsRefused() {
        assertThatThrownBy(() -> PresenceStatus.fromWireName("ONLINE")).hasMessageContaining("unknown status");
        assertThatThrownBy(() -> PresenceStatus.fromWireName("sleeping")).hasMessageContaining("unknown status");
    }

    @Test
    void presenceKeepsInstantsToTheMillisecondAndNullLastSeen() {
        Instant now = Instant.parse("2026-11-28T03:00:00.123Z");
        UserPresence neverSeen = UserPresence.visible(PresenceStatus.OFFLINE, null, java.util.Map.of(), null, now, 1);

        assertThat(neverSeen.lastSeenAt()).isNull();
        assertThat(neverSeen.updatedAt()).isEqualTo(now);
        assertThat(neverSeen.status()).isEqualTo(PresenceStatus.OFFLINE);
    }
}
