package io.presencegrid.clienttools.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against an in-process HTTP server that records what it was sent and answers as told. */
class ApiClientTest {

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ApiClient api;

    @BeforeEach
    void aServerThatEchoes() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        api = new ApiClient(server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theTokenGoesAsABearerAndStatusBodyAndHeadersComeBack() {
        ApiAnswer answer = api.get("/v1/status/alice", "a.b.c");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("path").asText()).isEqualTo("/v1/status/alice");
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.header("X-Answered-By")).isEqualTo("test");
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.authorization()).isEqualTo("Bearer a.b.c");
        });
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() {
        api.delete("/v1/status/alice", null);

        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.authorization()).isNull();
        });
    }

    @Test
    void anUpdateIsPostedAsJson() {
        ApiAnswer answer = api.update("t", "alice", "phone", "busy");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/status/update");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo("{\"userId\":\"alice\",\"device\":\"phone\",\"status\":\"busy\"}");
        });
    }

    @Test
    void anyStatusIsAnAnswerAndExpectFailsOnTheWrongOne() {
        ApiAnswer refused = api.send("PATCH", "/status/418", "t", "text/plain", "tea?");

        assertThat(refused.status()).isEqualTo(418);
        assertThat(refused.json().isMissingNode()).as("not JSON").isFalse();
        assertThat(refused.expect(418)).isSameAs(refused);
        assertThatThrownBy(() -> refused.expect(200)).hasMessageContaining("PATCH /status/418 answered 418, not 200");
        assertThat(received.get(0).contentType()).isEqualTo("text/plain");
    }

    @Test
    void aBodyThatIsNotJsonReadsAsMissing() {
        assertThat(api.get("/text", null).json().isMissingNode()).isTrue();
    }

    @Test
    void anAsyncPostCompletesWithTheStatus() throws Exception {
        assertThat(api.updateAsync("t", "bob", "laptop", "away").get(10, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(received.get(0).authorization()).isEqualTo("Bearer t");
    }

    @Test
    void noAnswerThrows() {
        server.stop(0);

        assertThatThrownBy(() -> api.get("/v1/status/alice", null)).isInstanceOf(UncheckedIOException.class);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        boolean text = path.equals("/text");
        int status = path.startsWith("/status/") ? Integer.parseInt(path.substring("/status/".length())) : 200;
        byte[] body = (text ? "plain words" : "{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", text ? "text/plain" : "application/json");
        exchange.getResponseHeaders().add("X-Answered-By", "test");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private record Received(String method, String path, String authorization, String contentType, String body) {
    }
}
