package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresenceChangeWatchTest {

    @Test
    void aUsersFirstEventIsItsGoingOnlineAndEverythingAfterIsAChange() {
        PresenceChangeWatch watch = new PresenceChangeWatch(new String[] {"dv-1", "dv-2", "dv-3"});

        watch.record(presence("dv-1", "online", "update"));
        watch.record(presence("dv-2", "online", "update"));
        watch.record(presence("dv-2", "offline", "expired"));
        watch.record(presence("dv-2", "online", "update"));
        watch.record(presence("someone-else", "offline", "expired"));
        watch.record("{\"type\":\"pong\"}");

        assertThat(watch.expired()).isEqualTo(1);
        assertThat(watch.laterChanges()).isEqualTo(2);
        assertThat(watch.silentUsers()).isEqualTo(1);
        assertThat(watch.firstExpiry(0)).endsWith("s after the first socket opened");
    }

    @Test
    void framesAfterStopAreTheBenchsOwnClosesAndNotCounted() {
        PresenceChangeWatch watch = new PresenceChangeWatch(new String[] {"dv-1"});
        watch.record(presence("dv-1", "online", "update"));

        watch.stop();
        watch.record(presence("dv-1", "offline", "disconnect"));

        assertThat(watch.laterChanges()).isZero();
        assertThat(watch.firstExpiry(0)).isEqualTo("none");
    }

    private static String presence(String userId, String status, String reason) {
        return "{\"type\":\"presence\",\"userId\":\"" + userId + "\",\"status\":\"" + status + "\",\"previous\":\"offline\","
                + "\"message\":null,\"devices\":[],\"lastSeenAt\":null,\"version\":2,\"reason\":\"" + reason + "\",\"at\":\"2026-11-28T04:13:35Z\"}";
    }
}
