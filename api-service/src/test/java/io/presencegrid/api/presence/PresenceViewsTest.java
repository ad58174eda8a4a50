package io.presencegrid.api.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
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

        PresenceView self = PresenceViews.forViewer(snapshot, true);
        PresenceView other = PresenceViews.forViewer(snapshot, false);

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

        assertThat(PresenceViews.forViewer(snapshot, false)).isNull();
        assertThat(PresenceViews.forViewer(snapshot, true)).isNotNull();
        assertThat(PresenceViews.forViewer(new PresenceSnapshot("none", null, Map.of()), true)).isNull();
    }
}
