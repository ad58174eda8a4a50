package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceView;
import io.presencegrid.api.presence.PresenceViews;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.schema.UserPrivacy;
import io.presencegrid.schema.UserPrivacy.Audience;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;

/** A channel event's views and frames, made once per kind of viewer and shared, but never across what privacy tells apart. */
class MemberViewsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final UserPrivacy AMY_AND_BEA_BUT_BEA_BLOCKED =
            new UserPrivacy(Audience.ALLOWED, Audience.EVERYONE, List.of("amy", "bea", "cal"), List.of("bea"));
    private static final List<Caller> VIEWERS = List.of(Caller.self("pia"), Caller.self("amy"), Caller.self("cal"), Caller.self("bea"),
            Caller.self("dan"), new Caller("ops", true));

    @Test
    void everyViewerGetsWhatTheirOwnProjectionWouldGive() {
        PresenceSnapshot pia = snapshot(PresenceStatus.BUSY, AMY_AND_BEA_BUT_BEA_BLOCKED);
        MemberViews views = new MemberViews(pia);

        for (Caller viewer : VIEWERS) {
            assertThat(views.viewTo(viewer)).as(viewer.userId()).isEqualTo(PresenceViews.forViewer(pia, viewer));
        }
        assertThat(views.shownTo(Caller.self("amy")).status()).isEqualTo("busy");
        assertThat(views.shownTo(Caller.self("bea"))).as("blocked: counted, not listed").isNull();
        assertThat(views.shownTo(Caller.self("dan"))).as("not allowed").isNull();
    }

    @Test
    void viewersWhomPrivacyTreatsAlikeShareOneViewAndOneFrame() {
        MemberViews views = new MemberViews(snapshot(PresenceStatus.BUSY, AMY_AND_BEA_BUT_BEA_BLOCKED));
        MemberFrames frames = new MemberFrames("room", "pia", 3, T0);

        PresenceView amy = views.viewTo(Caller.self("amy"));
        PresenceView cal = views.viewTo(Caller.self("cal"));
        PresenceView dan = views.viewTo(Caller.self("dan"));

        assertThat(cal).isSameAs(amy);
        assertThat(dan).isNotEqualTo(amy);
        TextMessage toAmy = frames.frame(WatchedChannel.UPDATED, amy);
        assertThat(frames.frame(WatchedChannel.UPDATED, cal)).isSameAs(toAmy);
        assertThat(frames.frame(WatchedChannel.LEFT, amy)).isNotSameAs(toAmy);
        assertThat(frames.frame(WatchedChannel.UPDATED, dan).getPayload()).doesNotContain("busy");
        assertThat(toAmy.getPayload()).contains("\"event\":\"updated\"", "\"status\":\"busy\"", "\"occupancy\":3");
        assertThat(toAmy.getPayloadLength()).isEqualTo(toAmy.getPayload().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void theMemberSeesThemselfInvisibleWhereOthersSeeThemGone() {
        MemberViews views = new MemberViews(snapshot(PresenceStatus.INVISIBLE, UserPrivacy.EVERYONE));

        assertThat(views.shownTo(Caller.self("pia")).status()).isEqualTo("invisible");
        assertThat(views.shownTo(Caller.self("amy"))).isNull();
        assertThat(views.viewTo(Caller.self("amy")).status()).isEqualTo("offline");
        assertThat(new MemberViews(null).viewTo(Caller.self("amy"))).isNull();
    }

    private static PresenceSnapshot snapshot(PresenceStatus status, UserPrivacy privacy) {
        UserPresence row = new UserPresence(status, "in a call", Map.of("phone", new DeviceState(status, T0)),
                T0, T0, 7, ChangeReason.UPDATE, T0.minusSeconds(30), T0.minusSeconds(30), 6, privacy);
        return new PresenceSnapshot("pia", row, Map.of());
    }
}
