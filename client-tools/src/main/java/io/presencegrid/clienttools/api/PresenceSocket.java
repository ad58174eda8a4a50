package io.presencegrid.clienttools.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client (the JDK's) on the API's {@code /v1/ws} that queues every frame the server
 * sends as JSON, for a caller that reads them one at a time: {@code poll} answers null when nothing
 * came, {@code next} fails.
 */
public final class PresenceSocket implements AutoCloseable {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private PresenceSocket(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new TextFrames(frame -> frames.add(Json.orText(frame)), closeCode::complete))
                .orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** An observing socket (no device session) on the API at {@code httpBase}, e.g. {@code http://127.0.0.1:8080}. */
    public static PresenceSocket observe(String httpBase, String token) {
        return new PresenceSocket(SocketUri.observer(httpBase, token));
    }

    public static PresenceSocket observe(int port, String token) {
        return observe(ApiClient.loopback(port), token);
    }

    /** A socket that holds {@code device}'s session while it is open. */
    public static PresenceSocket device(String httpBase, String token, String device) {
        return new PresenceSocket(SocketUri.device(httpBase, token, device));
    }

    public static PresenceSocket device(int port, String token, String device) {
        return device(ApiClient.loopback(port), token, device);
    }

    public void send(String json) {
        socket.sendText(json, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next frame within {@code wait}, or null. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame of {@code type} within {@code wait}, skipping others; null if none came. */
    public JsonNode poll(String type, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            JsonNode frame = poll(Duration.ofNanos(left));
            if (frame != null && frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
        return null;
    }

    /** The next frame, failing if none comes within {@code timeout}. */
    public JsonNode next(Duration timeout) {
        return orFail(() -> poll(timeout), "no frame within " + timeout);
    }

    /** The next frame of {@code type}, skipping others, failing if none comes within {@code timeout}. */
    public JsonNode next(String type, Duration timeout) {
        return orFail(() -> poll(type, timeout), "no " + type + " frame within " + timeout);
    }

    /** The close code the server sends within {@code timeout} ({@link TextFrames#BROKEN} on a broken connection); fails on none. */
    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The close code the server sent, {@link TextFrames#BROKEN} on a broken connection, or null while still open. */
    public Integer closeCode() {
        return closeCode.getNow(null);
    }

    /** Completes with the close code when the socket closes ({@link TextFrames#BROKEN} on a broken connection). */
    public CompletionStage<Integer> whenClosed() {
        return closeCode.minimalCompletionStage();
    }

    /** The JDK socket, for frames this class has no method for (binary, fragments, pings). */
    public WebSocket raw() {
        return socket;
    }

    /** Aborts the TCP connection without a close frame, as a crashed client would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    private interface Wait {
        JsonNode frame() throws InterruptedException;
    }

    private static JsonNode orFail(Wait wait, String message) {
        try {
            JsonNode frame = wait.frame();
            if (frame == null) {
                throw new IllegalStateException(message);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + message, e);
        }
    }
}
