package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FramesTest {

    /** A presence event as the API writes it (DESIGN.md, WebSocket messages). */
    private static final String EVENT = "{\"type\":\"presence\",\"userId\":\"notify-target-00007\",\"status\":\"busy\","
            + "\"previous\":\"away\",\"message\":null,\"devices\":[{\"device\":\"phone\",\"status\":\"busy\","
            + "\"lastActiveAt\":\"2026-12-01T19:40:01.100Z\"}],\"lastSeenAt\":\"2026-12-01T19:40:01.100Z\","
            + "\"version\":12,\"reason\":\"update\",\"at\":\"2026-12-01T19:40:01.222851Z\"}";

    @Test
    void readsTheUserAndTheReasonOfAnEvent() {
        assertThat(Frames.type(EVENT)).isEqualTo("presence");
        assertThat(Frames.presenceUser(EVENT)).isEqualTo("notify-target-00007");
        assertThat(Frames.reason(EVENT)).isEqualTo("update");
    }

    @Test
    void readsTheGridsTimeOfTheChangeNotTheLastSeenOrADevicesTime() {
        assertThat(Frames.at(EVENT)).isEqualTo(Instant.parse("2026-12-01T19:40:01.222851Z"));
    }

    @Test
    void framesWithoutATimeOrAUserGiveNull() {
        String pong = "{\"type\":\"pong\"}";

        assertThat(Frames.at(pong)).isNull();
        assertThat(Frames.presenceUser(pong)).isNull();
        assertThat(Frames.member(pong)).isNull();
        assertThat(Frames.member(EVENT)).as("a presence event is no member frame").isNull();
    }

    @Test
    void readsTheMemberAndTheEventOfAWatchedChannelsMemberFrame() {
        String member = "{\"type\":\"member\",\"channel\":\"bench-room\",\"userId\":\"chm-00042\",\"event\":\"updated\","
                + "\"presence\":{\"userId\":\"chm-00042\",\"status\":\"busy\"},\"occupancy\":10000,\"at\":\"2026-12-03T13:00:00Z\"}";

        assertThat(Frames.member(member)).containsExactly("chm-00042", "updated");
    }
}
