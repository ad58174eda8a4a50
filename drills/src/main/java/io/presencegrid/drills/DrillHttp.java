package io.presencegrid.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Real HTTP against one API node, keep-alive, never throwing on an answer whatever its status. */
public final class DrillHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param base the API node, e.g. {@code http://127.0.0.1:8080} */
    public DrillHttp(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    public Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    public Answer delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE());
    }

    public Answer post(String path, String token, String json) throws IOException, InterruptedException {
        return post(path, token, HttpRequest.BodyPublishers.ofString(json));
    }

    public Answer post(String path, String token, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json").POST(body));
    }

    public Answer put(String path, String token, String json) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST /v1/status/update} for one device. */
    public Answer update(String token, String userId, String device, String status) throws IOException, InterruptedException {
        return post("/v1/status/update", token,
                "{\"userId\":\"" + userId + "\",\"device\":\"" + device + "\",\"status\":\"" + status + "\"}");
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    /** Status, body and headers of one answer. */
    public record Answer(int status, String body, HttpResponse<String> raw) {

        /** The body as JSON; a body that is not JSON reads as a missing node. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return JSON.missingNode();
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
