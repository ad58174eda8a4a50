package io.presencegrid.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One real WebSocket to {@code /v1/ws} that hands each whole text frame to a consumer. The consumer
 * runs on the client's I/O thread: it must only record and return.
 */
final class BenchSocket implements WebSocket.Listener {

    private final Consumer<String> frames;
    private final StringBuilder partial = new StringBuilder();

    private BenchSocket(Consumer<String> frames) {
        this.frames = frames;
    }

    static CompletableFuture<WebSocket> open(HttpClient http, String baseUrl, String token, Consumer<String> frames) {
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/v1/ws?access_token=" + token);
        return http.newWebSocketBuilder().buildAsync(uri, new BenchSocket(frames));
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
}
