package io.presencegrid.api.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.schema.UserPrivacy.Audience;
import java.util.List;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceViewsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void theUserSeesTheTrueStateWithLiveActivity() {
        UserPresence hidden = new UserPresence(PresenceStatus.INVISIBLE, "secret", Map.of("phone", new DeviceState(PresenceStatus.INVISIBLE, T0)),
                T0, T0, 4, ChangeReason.UPDATE, T0.minusSeconds(60), T0.minusSeconds(60), 2);
        PresenceSnapshot snapshot = new PresenceSnapshot("ivy", hidden, Map.of("phone", T0.plusSeconds(5)));

        PresenceView self = PresenceViews.forViewer(snapshot, Caller.self("ivy"));
        PresenceView other = PresenceViews.forViewer(snapshot, Caller.self("olga"));

        assertThat(self.status()).isEqualTo("invisible");
        assertThat(self.message()).isEqualTo("secret");
        assertThat(self.lastSeenAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(self.devices()).containsExactly(new DeviceView("phone", "invisible", T0.plusSeconds(5)));
        assertThat(self.version()).isEqualTo(4);
        assertThat(other).isEqualTo(new PresenceView("ivy", "offline", null, java.util.List.of(),
                T0.minusSeconds(60), T0.minusSeconds(60), 2));
    }

    @Test
    void aUserNeverSeenByOthersIsUnknownToThemButNotToThemself() {
        UserPresence onlyHidden = new UserPresence(PresenceStatus.INVISIBLE, null, Map.of("phone", new DeviceState(PresenceStatus.INVISIBLE, T0)),
                T0, T0, 1, ChangeReason.UPDATE, null, T0, 1);
        PresenceSnapshot snapshot = new PresenceSnapshot("shy", onlyHidden, Map.of());

        assertThat(PresenceViews.forViewer(snapshot, Caller.self("olga"))).isNull();
        assertThat(PresenceViews.forViewer(snapshot, Caller.self("shy"))).isNotNull();
        assertThat(PresenceViews.forViewer(new PresenceSnapshot("none", null, Map.of()), Caller.self("none"))).isNull();
    }

    private static UserPresence online(UserPrivacy privacy) {
        return new UserPresence(PresenceStatus.BUSY, "in a call", Map.of("phone", new DeviceState(PresenceStatus.BUSY, T0)),
                T0, T0, 7, ChangeReason.UPDATE, T0, T0, 7, privacy);
    }

    private static PresenceView view(UserPrivacy privacy, Caller viewer) {
        return PresenceViews.forViewer(new PresenceSnapshot("pia", online(privacy), Map.of("phone", T0.plusSeconds(9))), viewer);
    }

    @Test
    void privacyDecidesPerViewerAndBlockedBeatsAllowed() {
        UserPrivacy privacy = new UserPrivacy(Audience.ALLOWED, Audience.EVERYONE, List.of("amy", "bea"), List.of("bea"));

        assertThat(view(privacy, Caller.self("amy")).status()).isEqualTo("busy");
        assertThat(view(privacy, Caller.self("amy")).lastSeenAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(view(privacy, Caller.self("bea"))).isEqualTo(PresenceViews.hidden("pia", null));
        assertThat(view(privacy, Caller.self("cai"))).isEqualTo(PresenceViews.hidden("pia", T0));
        assertThat(view(privacy, new Caller("ops", true)).status()).isEqualTo("busy");
        assertThat(view(privacy, Caller.self("pia")).message()).isEqualTo("in a call");
    }

    @Test
    void lastSeenHasItsOwnAudience() {
        UserPrivacy noLastSeen = new UserPrivacy(Audience.EVERYONE, Audience.NOBODY, List.of(), List.of());

        PresenceView seen = view(noLastSeen, Caller.self("cai"));

        assertThat(seen.status()).isEqualTo("busy");
        assertThat(seen.devices()).hasSize(1);
        assertThat(seen.lastSeenAt()).isNull();
    }

    @Test
    void theHiddenViewMovesWithNothingTheUserDoes() {
        UserPrivacy nobody = new UserPrivacy(Audience.NOBODY, Audience.NOBODY, List.of(), List.of());
        UserPresence before = online(nobody);
        UserPresence after = new UserPresence(PresenceStatus.AWAY, "back soon", Map.of("laptop", new DeviceState(PresenceStatus.AWAY, T0.plusSeconds(60), "{\"v\":2}")),
                T0.plusSeconds(60), T0.plusSeconds(60), 8, ChangeReason.UPDATE, T0.plusSeconds(60), T0.plusSeconds(60), 8, nobody);

        PresenceView hiddenBefore = PresenceViews.forViewer(new PresenceSnapshot("pia", before, Map.of("phone", T0)), Caller.self("cai"));
        PresenceView hiddenAfter = PresenceViews.forViewer(new PresenceSnapshot("pia", after, Map.of("laptop", T0.plusSeconds(70))), Caller.self("cai"));

        assertThat(hiddenAfter).isEqualTo(hiddenBefore).isEqualTo(PresenceViews.hidden("pia", null));
    }

    @Test
    void aRowThatOnlyHoldsPrivacyIsAUserNeverSeen() {
        UserPresence privacyOnly = UserPresence.privacyOnly(new UserPrivacy(Audience.NOBODY, Audience.NOBODY, List.of(), List.of()), T0);

        assertThat(PresenceViews.forViewer(new PresenceSnapshot("new", privacyOnly, Map.of()), Caller.self("new"))).isNull();
        assertThat(PresenceViews.forViewer(new PresenceSnapshot("new", privacyOnly, Map.of()), Caller.self("cai"))).isNull();
    }
}
