package io.presencegrid.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The API as a load client sees it: HTTP/1.1 over pooled keep-alive connections (the JDK client keeps
 * idle connections open and reuses them), one signed token per user.
 */
final class ApiClient {

    private final String baseUrl;
    private final String secret;
    private final HttpClient http;

    ApiClient(String baseUrl, String secret) {
        this.baseUrl = baseUrl;
        this.secret = secret;
        this.http = httpClient("bench-http", 4);
    }

    /**
     * A client of its own, with its own selector thread: the JDK's client reads all its sockets on one
     * thread, so sockets whose arrival times are measured are better not queued behind thousands of
     * others.
     */
    static HttpClient httpClient(String threadName, int threads) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(threads, daemon(threadName)))
                .build();
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpClient http() {
        return http;
    }

    String token(String userId) {
        return Jwt.hs256(secret, userId);
    }

    /** {@code POST /v1/status/update} for one device; completes with the HTTP status code. */
    CompletableFuture<Integer> update(String token, String userId, String device, String status) {
        String body = "{\"userId\":\"" + userId + "\",\"device\":\"" + device + "\",\"status\":\"" + status + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/status/update"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /** {@code POST /v1/channels/{channelId}/join} (or {@code leave}) for one device; completes with the HTTP status code. */
    CompletableFuture<Integer> channel(String action, String token, String channelId, String userId, String device) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/channels/" + channelId + "/" + action))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + userId + "\",\"device\":\"" + device + "\"}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /** {@code PUT /v1/privacy/{userId}} as the user; the JSON body as given, which must be answered 200. */
    void putPrivacy(String token, String userId, String privacyJson) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/privacy/" + userId))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(privacyJson)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT privacy of " + userId + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code GET path} as the token's user; the body, which must have come with a 200. */
    String get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path.substring(0, Math.min(path.length(), 80)) + "... answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** {@code GET path} of the actuator (metrics), as an operator: it needs the admin scope. */
    String getAsOperator(String path) throws Exception {
        return get(path, Jwt.hs256(secret, "bench-operator", "presence presence:admin"));
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
