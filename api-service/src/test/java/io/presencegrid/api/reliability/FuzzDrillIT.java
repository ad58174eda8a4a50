package io.presencegrid.api.reliability;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.fuzz.FuzzDrill;
import io.presencegrid.testing.GridTestCluster;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * scripts/drill.sh fuzz in mvn verify: 3,000 cases of a fixed seed against an in-process API, with the
 * drill's socket flood and slow-loris connections scaled down alike.
 */
@ApiGridTest(name = "api-defaults", shared = true)
class FuzzDrillIT {

    private static final long SEED = 20_260_707L;

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Test
    void hostileRequestsNeverGetA5xxOrANonProblemErrorAndTheApiStaysHealthy() throws Exception {
        FuzzDrill.Report report = FuzzDrill.run("http://127.0.0.1:" + port, new PresenceTokens(TestJwt.SECRET),
                new FuzzDrill.Options(3_000, SEED, 8, 5_000, 30_000));

        assertThat(report.failures()).as(report.figures()).isEmpty();
        assertThat(report.cases()).isEqualTo(3_000);
        assertThat(report.status5xx()).isZero();
        assertThat(report.socketCases()).isGreaterThan(100);
        assertThat(report.floodSocketsHeld()).as("the flood's 60 handshakes against the cap of 50 per user").isLessThanOrEqualTo(50);
        assertThat(report.serversAfter()).isEqualTo(report.serversBefore()).isEqualTo(2);
        assertThat(report.heapLiveShare()).as("the live heap is judged, not the heap with its garbage: " + report.figures())
                .isBetween(0.0, 1.0);
        assertThat(report.passed()).as(report.figures()).isTrue();
    }

    @Test
    void aUriTooLongForTomcatIsAProblemNotTomcatsHtmlPage() throws Exception {
        String ids = "fuzz-long-id,".repeat(1_000);

        ApiAnswer answer = api().get("/v1/status?userIds=" + ids, TOKENS.user("fuzz-long"));

        assertProblem(answer, 400);
    }

    @Test
    void aPathTheFirewallRejectsIsAProblemWhateverTheClientAccepts() throws Exception {
        for (String accept : new String[] {"text/html", "image/png", "application/json"}) {
            ApiAnswer answer = api().send(api().request("/v1//status/fuzz-firewall", TOKENS.user("fuzz-firewall"))
                    .header("Accept", accept).GET());

            assertProblem(answer, 400);
        }
    }

    @Test
    void aRequestToTheSocketPathThatIsNoHandshakeIsAProblem() throws Exception {
        String token = TOKENS.user("fuzz-handshake");

        assertProblem(api().get("/v1/ws", token), 400);
        assertProblem(api().delete("/v1/ws", token), 405);
    }

    @Test
    void aTenMegabyteChunkedBodyGetsAComplete413() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        // A JSON string that never ends: the reader passes 16 KiB before it could find anything malformed.
        body[0] = '"';

        ApiAnswer answer = api().post("/v1/status/update", TOKENS.user("fuzz-chunked"),
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertProblem(answer, 413);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static void assertProblem(ApiAnswer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
    }
}
