package io.presencegrid.api.socket;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.drills.RawWebSocket;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The per-user socket cap (here 2) over real handshakes: refused with a 429 problem, freed by a close. */
@ApiGridTest(name = "api-socket-quota", properties = "presence.socket.max-per-user=2")
class SocketQuotaIT {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    private final List<RawWebSocket> opened = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        opened.forEach(RawWebSocket::close);
    }

    @Test
    void aUserOverTheCapIsRefusedWithAProblemUntilOneOfTheirSocketsCloses() throws Exception {
        String capped = TOKENS.user("sq-capped");
        RawWebSocket first = open(capped);
        open(capped);
        assertThat(opened).allSatisfy(socket -> assertThat(socket.status()).isEqualTo(101));

        RawWebSocket refused = open(capped);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).as("a close frees a place, not a time").isNull();
        assertThat(refused.body()).contains("at most 2 open per user");
        assertThat(open(TOKENS.user("sq-other")).status()).as("another user's sockets are their own").isEqualTo(101);

        first.close();

        await("a place freed by the close").atMost(SOON).until(() -> open(capped).status() == 101);
    }

    private RawWebSocket open(String token) throws Exception {
        RawWebSocket socket = RawWebSocket.open("http://127.0.0.1:" + port, "/v1/ws", token, SOON);
        opened.add(socket);
        if (socket.status() == 101) {
            assertThat(socket.nextText(SOON)).as("the snapshot").contains("\"snapshot\"");
        }
        return socket;
    }
}
