package io.presencegrid.clienttools.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Listens to one WebSocket: hands each whole text frame (its fragments joined) to a consumer, and the
 * close code to another when the server closes it, -1 when it breaks. Both run on the client's I/O
 * thread: they must only record and return.
 */
public final class TextFrames implements WebSocket.Listener {

    /** What a broken connection reports instead of a close code. */
    public static final int BROKEN = -1;

    private final Consumer<String> frames;
    private final IntConsumer closed;
    private final StringBuilder partial = new StringBuilder();

    public TextFrames(Consumer<String> frames, IntConsumer closed) {
        this.frames = frames;
        this.closed = closed;
    }

    /** Opens {@code uri} without waiting for the handshake: for clients that hold many sockets. */
    public static CompletableFuture<WebSocket> open(HttpClient http, URI uri, Consumer<String> frames, IntConsumer closed) {
        return http.newWebSocketBuilder().buildAsync(uri, new TextFrames(frames, closed));
    }

    public static CompletableFuture<WebSocket> open(HttpClient http, URI uri, Consumer<String> frames) {
        return open(http, uri, frames, code -> {
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            frames.accept(frame);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed.accept(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed.accept(BROKEN);
    }
}
