package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.PresenceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The published AsyncAPI document ({@code static/asyncapi.json}, served as {@code /asyncapi.json}) names
 * exactly the frames, error codes, close codes and values the socket code knows: a frame added to the
 * server without its description fails here, and so does a description of a frame the server dropped.
 */
class AsyncApiDocumentTest {

    private final JsonNode document = read();

    @Test
    void theServerReceivesExactlyTheClientFramesTheHandlerAccepts() {
        assertThat(frameTypes("receive")).containsExactlyInAnyOrderElementsOf(SocketProtocol.CLIENT_FRAMES);
    }

    @Test
    void theServerSendsExactlyTheFramesSocketFramesWrites() {
        assertThat(frameTypes("send")).containsExactlyInAnyOrderElementsOf(SocketProtocol.SERVER_FRAMES);
    }

    @Test
    void everyErrorCodeIsDescribed() {
        assertThat(texts(payload("error").path("properties").path("code").path("enum")))
                .containsExactlyInAnyOrderElementsOf(SocketProtocol.ERROR_CODES);
    }

    @Test
    void everyCloseCodeTheServerUsesIsDescribed() {
        Set<String> codes = SocketProtocol.CLOSE_STATUSES.stream().map(CloseStatus::getCode).map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        JsonNode channel = document.path("channels").path("socket");

        assertThat(new TreeSet<>(channel.path("x-close-codes").propertyNames())).isEqualTo(codes);
        codes.forEach(code -> assertThat(channel.path("description").asText()).contains(code + " "));
    }

    @Test
    void statusesAndReasonsAreTheGridsOwn() {
        assertThat(texts(document.path("components").path("schemas").path("Status").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(PresenceStatus.values()).map(PresenceStatus::wireName).toList());
        assertThat(texts(payload("presence").path("properties").path("reason").path("enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ChangeReason.values()).map(ChangeReason::wireName).toList());
    }

    @Test
    void theHandshakeTakesTheTokenInTheHeaderOrTheQueryParameterTheResolverReads() {
        JsonNode schemes = document.path("components").path("securitySchemes");

        assertThat(schemes.path("accessToken").path("in").asText()).isEqualTo("query");
        assertThat(schemes.path("accessToken").path("name").asText()).isEqualTo(HandshakeView.TOKEN_PARAMETER);
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(document.path("channels").path("socket").path("address").asText()).isEqualTo("/v1/ws");
    }

    /** The {@code type} constants of the messages of every operation with this action. */
    private List<String> frameTypes(String action) {
        List<String> types = new ArrayList<>();
        for (JsonNode operation : document.path("operations")) {
            if (action.equals(operation.path("action").asText())) {
                for (JsonNode message : operation.path("messages")) {
                    types.add(resolve(resolve(message)).path("payload").path("properties").path("type").path("const").asText());
                }
            }
        }
        return types;
    }

    private JsonNode payload(String message) {
        return document.path("components").path("messages").path(message).path("payload");
    }

    /** Follows a local {@code $ref} ("#/a/b"), or answers the node itself when it is none. */
    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#") ? document.at(ref.substring(1)) : node;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode read() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/static/asyncapi.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
