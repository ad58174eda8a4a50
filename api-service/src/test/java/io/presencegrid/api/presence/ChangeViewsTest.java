package io.presencegrid.api.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.schema.UserPrivacy.Audience;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a viewer is told of a change is judged from the change's own rows, privacy included. */
class ChangeViewsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final UserPrivacy ONLY_AMY = new UserPrivacy(Audience.ALLOWED, Audience.ALLOWED, List.of("amy"), List.of());
    private static final Caller AMY = Caller.self("amy");
    private static final Caller BOB = Caller.self("bob");

    @Test
    void aPlainChangeIsToldToWhoeverMaySeeIt() {
        ChangeViews.Told told = ChangeViews.forViewer("pia", row(PresenceStatus.ONLINE, 3, UserPrivacy.EVERYONE),
                row(PresenceStatus.BUSY, 4, UserPrivacy.EVERYONE), BOB);

        assertThat(told.kind()).isEqualTo(ChangeViews.Kind.CHANGE);
        assertThat(told.view().status()).isEqualTo("busy");
        assertThat(told.before().status()).isEqualTo("online");
    }

    @Test
    void aViewerHiddenFromBeforeAndAfterIsToldNothing() {
        assertThat(ChangeViews.forViewer("pia", row(PresenceStatus.ONLINE, 3, ONLY_AMY), row(PresenceStatus.BUSY, 4, ONLY_AMY), BOB)).isNull();
        assertThat(ChangeViews.forViewer("pia", row(PresenceStatus.ONLINE, 3, ONLY_AMY), row(PresenceStatus.BUSY, 4, ONLY_AMY), AMY).kind())
                .isEqualTo(ChangeViews.Kind.CHANGE);
    }

    @Test
    void losingAccessIsToldOnceAsPrivacyWithTheHiddenView() {
        ChangeViews.Told told = ChangeViews.forViewer("pia", row(PresenceStatus.BUSY, 4, UserPrivacy.EVERYONE),
                row(PresenceStatus.BUSY, 4, ONLY_AMY), BOB);

        assertThat(told.kind()).isEqualTo(ChangeViews.Kind.PRIVACY);
        assertThat(told.view()).isEqualTo(PresenceViews.hidden("pia", null));
        assertThat(told.before().status()).isEqualTo("busy");
    }

    @Test
    void aDeletionIsAnOfflineOneVersionOnAndOnlyForThoseWhoSawTheUser() {
        ChangeViews.Told told = ChangeViews.forViewer("pia", row(PresenceStatus.BUSY, 4, ONLY_AMY), null, AMY);

        assertThat(told.kind()).isEqualTo(ChangeViews.Kind.DELETED);
        assertThat(told.view().status()).isEqualTo("offline");
        assertThat(told.view().version()).isEqualTo(told.before().version() + 1);
        assertThat(ChangeViews.forViewer("pia", row(PresenceStatus.BUSY, 4, ONLY_AMY), null, BOB)).isNull();
    }

    private static UserPresence row(PresenceStatus status, long version, UserPrivacy privacy) {
        return new UserPresence(status, null, Map.of("phone", new DeviceState(status, T0)), T0, T0, version, ChangeReason.UPDATE, T0, T0,
                version, privacy);
    }
}
