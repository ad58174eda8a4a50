package io.presencegrid.drills.auth;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.RawWebSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The WebSocket half of the auth drill. A refused handshake must be a 401 problem before any upgrade
 * (read over a raw socket, since the JDK's client hides the body); over an open socket the frames act
 * on the caller's own device and subscriptions only, whatever ids a frame names, and an invisible
 * user reads as offline in every snapshot.
 */
final class SocketAttacks {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApiClient http;
    private final PresenceTokens tokens;
    private final ForgedTokens forged;
    private final AuthUsers users;
    private final CaseResults results;

    SocketAttacks(ApiClient http, PresenceTokens tokens, ForgedTokens forged, AuthUsers users, CaseResults results) {
        this.http = http;
        this.tokens = tokens;
        this.forged = forged;
        this.users = users;
        this.results = results;
    }

    void run() throws Exception {
        String a = users.a();
        results.refusal("socket_no_token", () -> refusedHandshake("/v1/ws", null));
        results.refusal("socket_device_no_token", () -> refusedHandshake("/v1/ws?device=phone", null));
        for (Map.Entry<String, String> forgery : forged.all(a).entrySet()) {
            String token = forgery.getValue();
            results.refusal("socket_" + forgery.getKey() + "_query",
                    () -> refusedHandshake("/v1/ws?device=phone&access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), null));
            results.refusal("socket_" + forgery.getKey() + "_header", () -> refusedHandshake("/v1/ws?device=phone", token));
        }
        results.control("socket_valid_token_gets_snapshot", () -> {
            try (PresenceSocket socket = PresenceSocket.observe(http.base(), tokens.user(a))) {
                return socket.poll("snapshot", WAIT) != null ? null : "no snapshot after connecting";
            }
        });
        framesActForTheCallerOnly(a, users.b());
    }

    private String refusedHandshake(String pathAndQuery, String headerToken) throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(http.base(), pathAndQuery, headerToken, WAIT)) {
            return Answers.problem(socket.status(), socket.header("Content-Type"), socket.body(), 401);
        }
    }

    /** A names B in every field a frame could carry; only A's own device and subscriptions may change. */
    private void framesActForTheCallerOnly(String a, String b) throws Exception {
        String tokenB = tokens.user(b);
        try (PresenceSocket socket = PresenceSocket.device(http.base(), tokens.user(a), "socket-a")) {
            results.refusal("socket_connect_snapshot_hides_invisible", () -> {
                JsonNode snapshot = socket.poll("snapshot", WAIT);
                return snapshot == null ? "no snapshot" : viewOf(snapshot, b, "offline");
            });
            results.refusal("socket_subscribe_to_invisible_sees_offline", () -> {
                // A follows B already (the REST cases): a snapshot lists newly added users only.
                socket.send("{\"type\":\"unsubscribe\",\"userIds\":[\"" + b + "\"]}");
                socket.send("{\"type\":\"subscribe\",\"userIds\":[\"" + b + "\"]}");
                JsonNode snapshot = socket.poll("snapshot", WAIT);
                return snapshot == null ? "no snapshot" : viewOf(snapshot, b, "offline");
            });
            results.refusal("socket_status_frame_naming_b_changes_only_a", () -> {
                socket.send("{\"type\":\"status\",\"status\":\"busy\",\"userId\":\"" + b + "\",\"device\":\"laptop\"}");
                socket.send("{\"type\":\"ping\"}");
                if (socket.poll("pong", WAIT) == null) {
                    return "no pong after the status frame";
                }
                String wrong = RestAttacks.expectView(http.get("/v1/status/" + b, tokenB).json(), b, "invisible", 2);
                return wrong != null ? "B changed: " + wrong : RestAttacks.expectView(
                        http.get("/v1/status/" + a, tokens.user(a)).json(), a, "busy", 2);
            });
            results.refusal("socket_subscribe_frame_naming_subscriber_b", () -> {
                socket.send("{\"type\":\"subscribe\",\"subscriberId\":\"" + b + "\",\"userIds\":[\"" + users.admin() + "\"]}");
                if (socket.poll("snapshot", WAIT) == null) {
                    return "no snapshot after subscribing";
                }
                ApiAnswer followedByB = http.post("/v1/status/unsubscribe", tokenB,
                        "{\"subscriberId\":\"" + b + "\",\"userIds\":[\"nobody\"]}");
                String wrong = Answers.status(followedByB, 200);
                return wrong != null ? wrong : followedByB.json().path("userIds").isEmpty() ? null
                        : "B now follows " + followedByB.json().path("userIds");
            });
        }
    }

    /** Null when the frame's view of {@code userId} has {@code status} and no devices. */
    private static String viewOf(JsonNode snapshot, String userId, String status) {
        for (JsonNode view : snapshot.path("presence")) {
            if (view.path("userId").asText().equals(userId)) {
                return RestAttacks.expectView(view, userId, status, 0);
            }
        }
        return "snapshot lacks " + userId + ": " + snapshot;
    }
}
