package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PresenceReadingsTest {

    @Test
    void readsEachViewsOwnStatusAndVersionInOrder() {
        String body = """
                {"presence":[{"userId":"dv-1","status":"online","message":null,"devices":[{"device":"phone","status":"online",\
                "lastActiveAt":"2026-11-28T04:13:35.805Z"}],"lastSeenAt":"2026-11-28T04:13:35.805Z","updatedAt":"2026-11-28T04:13:35.805Z",\
                "version":3},{"userId":"dv-2","status":"away","message":"x \\"status\\":\\"busy\\" \\"version\\":9",\
                "devices":[{"device":"phone","status":"busy","lastActiveAt":"2026-11-28T04:13:35.805Z"}],"lastSeenAt":null,\
                "updatedAt":"2026-11-28T04:13:35.805Z","version":12},{"userId":"never-seen","status":"offline","message":null,\
                "devices":[],"lastSeenAt":null,"updatedAt":null,"version":0}]}""";

        var readings = PresenceReadings.parse(body);

        assertThat(readings.keySet()).containsExactly("dv-1", "dv-2", "never-seen");
        assertThat(readings.get("dv-1")).isEqualTo(new PresenceReadings.Reading("online", 3));
        assertThat(readings.get("dv-1").online()).isTrue();
        assertThat(readings.get("dv-2")).isEqualTo(new PresenceReadings.Reading("away", 12));
        assertThat(readings.get("never-seen")).isEqualTo(new PresenceReadings.Reading("offline", 0));
    }

    @Test
    void anEmptyListReadsAsNoUsers() {
        assertThat(PresenceReadings.parse("{\"presence\":[]}")).isEmpty();
    }

    @Test
    void aViewWithoutAVersionIsAnError() {
        assertThatThrownBy(() -> PresenceReadings.parse("{\"presence\":[{\"userId\":\"a\",\"status\":\"online\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    }
}
