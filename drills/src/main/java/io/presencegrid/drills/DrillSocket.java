package io.presencegrid.drills;

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

/** A real WebSocket client (the JDK's) on /v1/ws that queues every JSON frame the server sends. */
public final class DrillSocket implements AutoCloseable {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private DrillSocket(String httpBase, String query) {
        String wsBase = httpBase.replaceFirst("^http", "ws");
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(wsBase + "/v1/ws" + query), new Collector())
                .orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** An observing socket (no device session). */
    public static DrillSocket observe(String httpBase, String token) {
        return new DrillSocket(httpBase, "?access_token=" + token);
    }

    /** A socket that holds {@code device}'s session while it is open. */
    public static DrillSocket device(String httpBase, String token, String device) {
        return new DrillSocket(httpBase, "?access_token=" + token + "&device=" + device);
    }

    public void send(String json) {
        socket.sendText(json, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next frame within {@code wait}, or null. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame of {@code type} within {@code timeout}, skipping others; null if none came. */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            JsonNode frame = poll(Duration.ofNanos(left));
            if (frame != null && frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
        return null;
    }

    /** The close code the server sends within {@code timeout} (-1 on a broken connection); fails on none. */
    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The JDK socket, for frames this class has no method for (binary, fragments, pings). */
    public WebSocket raw() {
        return socket;
    }

    /** The close code the server sent, -1 on a broken connection, or null while still open. */
    public Integer closeCode() {
        return closeCode.getNow(null);
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

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(DrillHttp.JSON.readTree(partial.toString()));
                } catch (RuntimeException notJson) {
                    frames.add(DrillHttp.JSON.getNodeFactory().textNode(partial.toString()));
                }
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
