package io.presencegrid.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.schema.UserPrivacy.Audience;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserPrivacyTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void blockedNeverSeesAndAllowedSeesOnlyWhatIsSetToAllowed() {
        UserPrivacy privacy = new UserPrivacy(Audience.ALLOWED, Audience.NOBODY, List.of("amy", "bea"), List.of("bea"));

        assertThat(privacy.showsPresenceTo("amy")).isTrue();
        assertThat(privacy.showsLastSeenTo("amy")).isFalse();
        assertThat(privacy.showsPresenceTo("bea")).as("blocked beats allowed").isFalse();
        assertThat(privacy.showsPresenceTo("cai")).isFalse();
        assertThat(new UserPrivacy(Audience.EVERYONE, Audience.EVERYONE, List.of(), List.of("cai")).showsLastSeenTo("cai")).isFalse();
        assertThat(UserPrivacy.EVERYONE.showsPresenceTo("anyone")).isTrue();
    }

    @Test
    void listsAreSortedOnceEachAndBounded() {
        UserPrivacy privacy = new UserPrivacy(Audience.ALLOWED, Audience.ALLOWED, List.of("zed", "amy", "zed"), List.of());

        assertThat(privacy.allowed()).containsExactly("amy", "zed");
        assertThat(privacy).isEqualTo(new UserPrivacy(Audience.ALLOWED, Audience.ALLOWED, List.of("amy", "zed"), List.of()));
        List<String> tooMany = IntStream.range(0, UserPrivacy.MAX_LIST_SIZE + 1).mapToObj(i -> "u" + i).toList();
        assertThatThrownBy(() -> new UserPrivacy(Audience.ALLOWED, Audience.ALLOWED, tooMany, List.of()))
                .hasMessageContaining("allowed");
        assertThatThrownBy(() -> Audience.fromWireName("friends")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRowStoresTheDefaultAsNothingAndKeepsItThroughACopy() {
        UserPresence row = UserPresence.visible(PresenceStatus.ONLINE, null, Map.of(), T0, T0, 3);
        UserPrivacy nobody = new UserPrivacy(Audience.NOBODY, Audience.NOBODY, List.of(), List.of("x"));

        UserPresence hidden = row.withPrivacy(nobody);

        assertThat(row.privacy()).isEqualTo(UserPrivacy.EVERYONE);
        assertThat(hidden.privacy()).isEqualTo(nobody);
        assertThat(hidden.version()).isEqualTo(row.version());
        assertThat(hidden).isNotEqualTo(row);
        assertThat(hidden.withPrivacy(UserPrivacy.EVERYONE)).isEqualTo(row);
        assertThat(hidden.withoutPrivacy()).isEqualTo(row);
        assertThat(row.withoutPrivacy()).isSameAs(row);
        assertThat(UserPresence.privacyOnly(nobody, T0).seen()).isFalse();
        assertThat(row.seen()).isTrue();
    }
}
