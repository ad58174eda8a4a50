package io.presencegrid.api.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeartbeatBatchingPropertiesTest {

    @Test
    void aLingerFromNoneUpToTheMaximumIsTaken() {
        assertThat(new HeartbeatBatchingProperties(0).lingerMillis()).isZero();
        assertThat(new HeartbeatBatchingProperties(HeartbeatBatchingProperties.MAX_LINGER_MILLIS).lingerMillis())
                .isEqualTo(HeartbeatBatchingProperties.MAX_LINGER_MILLIS);
    }

    @Test
    void aNegativeOrLongerLingerStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> new HeartbeatBatchingProperties(-1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PRESENCE_HEARTBEAT_LINGER_MILLIS");
        assertThatThrownBy(() -> new HeartbeatBatchingProperties(HeartbeatBatchingProperties.MAX_LINGER_MILLIS + 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was 101");
    }
}
