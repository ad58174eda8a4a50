package io.presencegrid.api.support;

import io.presencegrid.clienttools.api.PresenceSocket;
import java.net.http.WebSocket;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The drills' WebSocket client (the JDK's) on the API's random port, failing a test where it finds nothing. */
public final class SocketClient implements AutoCloseable {

    private final PresenceSocket socket;

    private SocketClient(PresenceSocket socket) {
        this.socket = socket;
    }

    public static SocketClient connect(int port, String token) {
        return new SocketClient(PresenceSocket.observe(base(port), token));
    }

    public static SocketClient connectDevice(int port, String token, String device) {
        return new SocketClient(PresenceSocket.device(base(port), token, device));
    }

    public void send(String json) {
        socket.send(json);
    }

    /** The next frame, failing if none comes within {@code timeout}. */
    public JsonNode next(Duration timeout) {
        try {
            return orFail(socket.poll(timeout), "no frame within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of {@code type}, skipping others. */
    public JsonNode next(String type, Duration timeout) {
        try {
            return orFail(socket.poll(type, timeout), "no " + type + " frame within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whether a frame arrives within {@code wait}; consumes it. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return socket.poll(wait);
    }

    public int awaitClose(Duration timeout) {
        return socket.awaitClose(timeout);
    }

    public WebSocket raw() {
        return socket.raw();
    }

    @Override
    public void close() {
        socket.close();
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static JsonNode orFail(JsonNode frame, String message) {
        if (frame == null) {
            throw new AssertionError(message);
        }
        return frame;
    }
}
