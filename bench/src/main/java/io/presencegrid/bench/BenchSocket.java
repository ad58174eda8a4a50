package io.presencegrid.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One real WebSocket to {@code /v1/ws} that hands each whole text frame to a consumer, and says when
 * the other side closed it or it broke. Both run on the client's I/O thread: they must only record and
 * return.
 */
final class BenchSocket implements WebSocket.Listener {

    private final Consumer<String> frames;
    private final Runnable closed;
    private final StringBuilder partial = new StringBuilder();

    private BenchSocket(Consumer<String> frames, Runnable closed) {
        this.frames = frames;
        this.closed = closed;
    }

    static CompletableFuture<WebSocket> open(HttpClient http, String baseUrl, String token, Consumer<String> frames) {
        return open(http, socketUri(baseUrl, token), frames, () -> {
        });
    }

    /** A device socket: it keeps {@code device}'s session of the token's user alive while it is open. */
    static CompletableFuture<WebSocket> openDevice(HttpClient http, String baseUrl, String token, String device,
                                                   Consumer<String> frames, Runnable closed) {
        return open(http, socketUri(baseUrl, token) + "&device=" + device, frames, closed);
    }

    private static CompletableFuture<WebSocket> open(HttpClient http, String uri, Consumer<String> frames, Runnable closed) {
        return http.newWebSocketBuilder().buildAsync(URI.create(uri), new BenchSocket(frames, closed));
    }

    private static String socketUri(String baseUrl, String token) {
        return baseUrl.replaceFirst("^http", "ws") + "/v1/ws?access_token=" + token;
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
        closed.run();
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed.run();
    }
}
