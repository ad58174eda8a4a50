package io.presencegrid.api.support;

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
import tools.jackson.databind.ObjectMapper;

/** A real WebSocket client (the JDK's) that collects every text frame the server sends. */
public final class SocketClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private SocketClient(int port, String query) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws" + query), new Collector())
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    public static SocketClient connect(int port, String token) {
        return new SocketClient(port, "?access_token=" + token);
    }

    public static SocketClient connectDevice(int port, String token, String device) {
        return new SocketClient(port, "?access_token=" + token + "&device=" + device);
    }

    public void send(String json) {
        socket.sendText(json, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next frame, failing if none comes within {@code timeout}. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of {@code type}, skipping others. */
    public JsonNode next(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
    }

    /** Whether a frame arrives within {@code wait}; consumes it. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public WebSocket raw() {
        return socket;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
