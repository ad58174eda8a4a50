package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SocketPropertiesTest {

    @Test
    void theGraceRunsFromZeroToTheTtl() {
        assertThat(new SocketProperties(60, 50, 0).disconnectGrace()).isEqualTo(Duration.ZERO);
        assertThat(new SocketProperties(60, 50, 60).disconnectGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> new SocketProperties(60, 50, -1)).hasMessageContaining("PRESENCE_DISCONNECT_GRACE_SECONDS");
        assertThatThrownBy(() -> new SocketProperties(3, 50, 5))
                .as("a closed socket's device outliving a silent one's").hasMessageContaining("session TTL (3 s)");
    }

    @Test
    void theLeaseIsWrittenThriceItsTtlAndAHeldSessionThriceItsOwnLongerOne() {
        SocketProperties properties = new SocketProperties(60, 50, 5);

        assertThat(properties.leaseMillis()).as("a third of the TTL less the lapse's allowance").isEqualTo(58_000 / 3);
        assertThat(properties.refreshMillis()).isEqualTo(200_000);
    }
}
