package io.presencegrid.api.web;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.testing.GridTestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One problem shape from every layer that answers with one: controllers, Spring MVC's own errors, the
 * body-size filter, authentication, authorization, the rate limit, the WebSocket handshake, the
 * /error page and Tomcat's error valve. A client decodes each with the same schema.
 */
@ApiGridTest(name = "api-rate-limited", shared = true, sweepSeconds = 10, properties = "presence.rate-limit.per-second=2")
class ProblemShapeIT {

    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Test
    void everyLayerAnswersWithTheSameMembersAndNoneIsNull() throws Exception {
        ApiClient api = new ApiClient(port);
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("controller 400", answer(api.post("/v1/status/update", TOKENS.user("shape"),
                "{\"userId\":\"bad id!\",\"status\":\"online\"}")));
        answers.put("controller 404", answer(api.get("/v1/status/never-seen-shape", TOKENS.user("shape-reader"))));
        answers.put("spring 405", answer(api.send("PUT", "/v1/status/update", TOKENS.user("shape-405"),
                "application/json", "{}")));
        answers.put("spring 415", answer(api.send("POST", "/v1/status/update", TOKENS.user("shape-415"),
                "text/plain", "x")));
        answers.put("undecodable form 400", answer(api.send("POST", "/v1/status/update", TOKENS.user("shape-form"),
                "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {'u', '=', (byte) 0xC3, (byte) 0x28, (byte) 0xFF}))));
        answers.put("size filter 413", answer(api.post("/v1/status/update", TOKENS.user("shape-413"),
                "{\"message\":\"" + "x".repeat(20_000) + "\"}")));
        answers.put("authentication 401", answer(api.get("/v1/status/anyone", null)));
        answers.put("authorization 403", answer(api.get("/actuator/prometheus", TOKENS.user("shape-403"))));
        answers.put("rate limit 429", answer(rateLimited(api)));
        answers.put("handshake 400", answer(api.get("/v1/ws", TOKENS.user("shape-ws"))));
        answers.put("firewall via /error 400", answer(api.get("/v1/status//double", TOKENS.user("shape-fw"))));
        answers.put("tomcat valve 400", tomcatRefusal());

        answers.forEach((layer, answer) -> {
            assertThat(answer.contentType()).as(layer + ": " + answer.body()).startsWith("application/problem+json");
            JsonNode problem = new ObjectMapper().readTree(answer.body());
            assertThat(new TreeSet<>(problem.propertyNames())).as(layer + ": " + answer.body()).isEqualTo(new TreeSet<>(MEMBERS));
            MEMBERS.forEach(member -> assertThat(problem.path(member).isNull()).as(layer + " " + member).isFalse());
            assertThat(problem.path("status").asInt()).as(layer).isEqualTo(answer.status());
            assertThat(problem.path("type").asText()).as(layer).isEqualTo("about:blank");
        });
        assertThat(answers.get("controller 400").status()).isEqualTo(400);
        assertThat(answers.get("spring 405").status()).isEqualTo(405);
        assertThat(answers.get("undecodable form 400").status()).isEqualTo(400);
        assertThat(answers.get("undecodable form 400").body()).contains("form parameters could not be decoded");
        assertThat(answers.get("spring 415").status()).isEqualTo(415);
        assertThat(answers.get("size filter 413").status()).isEqualTo(413);
        assertThat(answers.get("authentication 401").status()).isEqualTo(401);
        assertThat(answers.get("authorization 403").status()).isEqualTo(403);
        assertThat(answers.get("rate limit 429").status()).isEqualTo(429);
        assertThat(answers.get("handshake 400").status()).isEqualTo(400);
        assertThat(answers.get("firewall via /error 400").status()).isEqualTo(400);
        assertThat(answers.get("tomcat valve 400").status()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(answers.get("controller 400").body()).path("instance").asText())
                .isEqualTo("/v1/status/update");
    }

    private static ApiAnswer rateLimited(ApiClient api) {
        String greedy = TOKENS.user("shape-greedy");
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ApiAnswer response = api.get("/v1/status/shape-greedy", greedy);
            if (response.status() == 429) {
                return response;
            }
            seen.add(response.status());
        }
        throw new AssertionError("no 429 in 20 quick requests: " + seen);
    }

    /** Headers over Tomcat's 8 KiB limit: refused before any filter runs, by the host's error valve. */
    private Answer tomcatRefusal() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/status/x HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(10_000)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
            }
            int status = Integer.parseInt(head.split(" ")[1]);
            String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim()).findFirst().orElse("");
            return new Answer(status, contentType, body);
        }
    }

    private static Answer answer(ApiAnswer response) {
        return new Answer(response.status(), String.valueOf(response.contentType()), response.body());
    }

    private record Answer(int status, String contentType, String body) {
    }
}
