package io.presencegrid.clienttools.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Real HTTP against one API node, over the JDK's client (keep-alive: idle connections are kept and
 * reused), with the token of the caller's choice as a bearer, or none. Any status is an answer; only
 * no answer at all throws ({@link UncheckedIOException}).
 */
public final class ApiClient {

    public static final String UPDATE_PATH = "/v1/status/update";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient http;

    /** @param base the API node, e.g. {@code http://127.0.0.1:8080} */
    public ApiClient(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    }

    /** The API node on this machine's loopback at {@code port}. */
    public ApiClient(int port) {
        this(loopback(port));
    }

    public ApiClient(String base, HttpClient http) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = http;
    }

    public static String loopback(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * An HTTP/1.1 client with a pool of {@code threads} daemon threads of its own, for load clients: the
     * JDK's client reads all its sockets on one selector thread, so sockets whose answers are timed are
     * better not queued behind thousands of others.
     */
    public static HttpClient loadClient(String threadName, int threads) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(threads, runnable -> {
                    Thread thread = new Thread(runnable, threadName);
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    public String base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    public ApiAnswer get(String path, String token) {
        return send(request(path, token).GET());
    }

    public ApiAnswer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public ApiAnswer post(String path, String token, String json) {
        return post(path, token, HttpRequest.BodyPublishers.ofString(json));
    }

    public ApiAnswer post(String path, String token, HttpRequest.BodyPublisher body) {
        return send(request(path, token).header("Content-Type", "application/json").POST(body));
    }

    public ApiAnswer put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, any content type: for the answers to requests the API does not take. */
    public ApiAnswer send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType, HttpRequest.BodyPublishers.ofString(body));
    }

    public ApiAnswer send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        return send(request(path, token).header("Content-Type", contentType).method(method, body));
    }

    /** {@code POST /v1/status/update} for one device. */
    public ApiAnswer update(String token, String userId, String device, String status) {
        return post(UPDATE_PATH, token, updateBody(userId, device, status));
    }

    /** A request to {@code path} with {@code token} as its bearer (none when null), to add to before {@link #send}. */
    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public ApiAnswer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new ApiAnswer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + built.method() + " " + built.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + built.method() + " " + built.uri(), e);
        }
    }

    /** {@code POST path} without waiting; completes with the status, the body read and dropped. */
    public CompletableFuture<Integer> postAsync(String path, String token, String json) {
        HttpRequest request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /** {@link #update} without waiting; completes with the status. */
    public CompletableFuture<Integer> updateAsync(String token, String userId, String device, String status) {
        return postAsync(UPDATE_PATH, token, updateBody(userId, device, status));
    }

    /** The body of {@code POST /v1/status/update} for one device's status, with no message or metadata. */
    public static String updateBody(String userId, String device, String status) {
        return "{\"userId\":\"" + userId + "\",\"device\":\"" + device + "\",\"status\":\"" + status + "\"}";
    }
}
