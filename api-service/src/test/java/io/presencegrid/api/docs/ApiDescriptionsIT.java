package io.presencegrid.api.docs;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.testing.GridTestCluster;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The two published descriptions against the live API on a real grid: the OpenAPI document gives every
 * /v1 operation its security and its problem answers (and is written to {@code target/openapi.json},
 * where {@code scripts/lint-api.sh} lints it), and every client frame the AsyncAPI document shows as an
 * example is one the server takes, answered only with frames the document describes.
 */
@ApiGridTest(name = "api-defaults", shared = true)
class ApiDescriptionsIT {

    /** Where scripts/lint-api.sh expects the live document after mvn verify. */
    static final Path EXPORTED = Path.of("target", "openapi.json");
    private static final Duration SOON = Duration.ofSeconds(5);

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void everyV1OperationDeclaresItsSecurityAndAnswersUnauthorizedAndRateLimitedWithProblems() throws Exception {
        ApiAnswer docs = api.get("/v3/api-docs", null);
        Files.writeString(EXPORTED, docs.body());
        JsonNode document = docs.json();

        assertThat(docs.status()).isEqualTo(200);
        assertThat(document.path("paths").has("/error")).isFalse();
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            assertThat(path.getKey()).startsWith("/v1/");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = operation.getValue().path("responses");
                assertThat(operation.getValue().path("security").toString()).as(name).contains("\"bearer\"");
                for (String status : List.of("401", "429", "503")) {
                    assertThat(problemSchema(responses.path(status))).as(name + " " + status).isEqualTo("#/components/schemas/Problem");
                }
                assertThat(responses.path("429").path("headers").has("Retry-After")).as(name).isTrue();
                if (operation.getValue().has("requestBody")) {
                    assertThat(problemSchema(responses.path("413"))).as(name + " 413").isNotEmpty();
                    assertThat(problemSchema(responses.path("400"))).as(name + " 400").isNotEmpty();
                }
            }
        }
        assertThat(operations).contains("post /v1/status/update", "get /v1/status/{userId}", "delete /v1/status/{userId}",
                "get /v1/status", "post /v1/status/subscribe", "get /v1/privacy/{userId}", "put /v1/privacy/{userId}");
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(new TreeSet<>(problem.path("properties").propertyNames())).containsExactly("detail", "instance", "status", "title", "type");
        assertThat(problem.path("required")).hasSize(5);
    }

    @Test
    void theAsyncApiDocumentIsServedWithoutAToken() throws Exception {
        ApiAnswer served = api.get("/asyncapi.json", null);

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/json");
        assertThat(served.json()).isEqualTo(packaged());
        assertThat(served.json().path("asyncapi").asText()).startsWith("3.");
    }

    @Test
    void everyClientFrameExampleIsTakenByTheServerAndAnsweredWithDescribedFramesOnly() throws Exception {
        JsonNode document = packaged();
        List<JsonNode> examples = new ArrayList<>();
        for (JsonNode operation : document.path("operations")) {
            if ("receive".equals(operation.path("action").asText())) {
                for (JsonNode message : operation.path("messages")) {
                    resolve(document, resolve(document, message)).path("examples")
                            .forEach(example -> examples.add(example.path("payload")));
                }
            }
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);

        try (PresenceSocket socket = PresenceSocket.device(port, TOKENS.user("asyncapi-example"), "laptop")) {
            assertDescribed(document, socket.next("snapshot", SOON));
            for (JsonNode example : examples) {
                socket.send(example.toString());
                // Frames are handled in order: once the pong is back, whatever the example caused has arrived.
                socket.send("{\"type\":\"ping\"}");
                for (JsonNode frame = socket.next(SOON); ; frame = socket.next(SOON)) {
                    assertThat(frame.path("type").asText()).as("answer to " + example + ": " + frame).isNotEqualTo("error");
                    assertDescribed(document, frame);
                    if ("pong".equals(frame.path("type").asText())) {
                        break;
                    }
                }
            }
        }
    }

    /** The frame is a message the server sends, with no member its payload schema leaves out. */
    private static void assertDescribed(JsonNode document, JsonNode frame) {
        JsonNode payload = document.path("components").path("messages").path(frame.path("type").asText()).path("payload");
        assertThat(payload.isMissingNode()).as("undescribed frame " + frame).isFalse();
        Set<String> members = new TreeSet<>(frame.propertyNames());
        assertThat(new TreeSet<>(payload.path("properties").propertyNames())).as(frame.toString()).containsAll(members);
    }

    private static String problemSchema(JsonNode response) {
        return response.path("content").path("application/problem+json").path("schema").path("$ref").asText();
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#") ? document.at(ref.substring(1)) : node;
    }

    private static JsonNode packaged() throws Exception {
        try (InputStream in = ApiDescriptionsIT.class.getResourceAsStream("/static/asyncapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
