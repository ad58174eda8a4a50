package io.presencegrid.clienttools.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TextFramesTest {

    private final List<String> frames = new ArrayList<>();
    private final List<Integer> closes = new ArrayList<>();
    private final TextFrames listener = new TextFrames(frames::add, closes::add);
    private final WebSocket socket = new RequestingSocket();

    @Test
    void fragmentsAreJoinedIntoOneFrame() {
        listener.onText(socket, "{\"type\":", false);
        listener.onText(socket, "\"pong\"}", true);
        listener.onText(socket, "{}", true);

        assertThat(frames).containsExactly("{\"type\":\"pong\"}", "{}");
    }

    @Test
    void aCloseReportsItsCodeAndABreakReportsBroken() {
        listener.onClose(socket, 1008, "policy");
        listener.onError(socket, new java.io.IOException("reset"));

        assertThat(closes).containsExactly(1008, TextFrames.BROKEN);
    }

    @Test
    void socketUrisCarryTheTokenAndTheDevice() {
        assertThat(SocketUri.observer("http://127.0.0.1:8080/", "a.b.c")).hasToString("ws://127.0.0.1:8080/v1/ws?access_token=a.b.c");
        assertThat(SocketUri.device("https://api.example", "t", "phone"))
                .hasToString("wss://api.example/v1/ws?access_token=t&device=phone");
    }

    /** Takes the listener's requests for more frames; nothing else is called. */
    private static final class RequestingSocket implements WebSocket {

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void request(long n) {
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
        }
    }
}
