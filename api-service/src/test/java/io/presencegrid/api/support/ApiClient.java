package io.presencegrid.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A real HTTP client against the API on its random port. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String token, HttpRequest.BodyPublisher body) {
        return send(request(path, token).header("Content-Type", "application/json").POST(body));
    }

    /** Any method, any content type: for the answers of requests the API does not take. */
    public Response send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType, HttpRequest.BodyPublishers.ofString(body));
    }

    public Response send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        return send(request(path, token).header("Content-Type", contentType).method(method, body));
    }

    /** Sets {@code userId}'s {@code device} to {@code status} and insists on a 200. */
    public JsonNode update(String token, String userId, String device, String status) {
        Response response = post("/v1/status/update", token,
                "{\"userId\":\"" + userId + "\",\"device\":\"" + device + "\",\"status\":\"" + status + "\"}");
        if (response.status() != 200) {
            throw new AssertionError("update " + userId + "/" + device + " -> " + response.status() + " " + response.body());
        }
        return response.json();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Status, body and headers of one answer. */
    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** A 400 problem whose detail names {@code field}: bad input is refused naming what was wrong. */
        public void assertBadRequestNaming(String field) {
            assertThat(status).as(body).isEqualTo(400);
            assertThat(contentType()).startsWith("application/problem+json");
            assertThat(json().path("detail").asText()).as(body).contains(field);
        }
    }
}
