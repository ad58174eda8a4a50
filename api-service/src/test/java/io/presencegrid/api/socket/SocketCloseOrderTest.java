package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.auth.Caller;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A close waits for the frame being written: Tomcat refuses a close while another thread writes, and
 * then drops the connection with no close frame, so the client never hears the code.
 */
class SocketCloseOrderTest {

    private final List<String> happened = new CopyOnWriteArrayList<>();
    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch releaseWrite = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService senders = Executors.newFixedThreadPool(2);
    private final SocketConnection socket = new SocketConnection(session(), senders,
            new SocketMeters(new SimpleMeterRegistry()), new Caller("fan", false), null);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void aCloseAskedForDuringAWriteIsWrittenAfterIt() throws InterruptedException {
        socket.send(new TextMessage("{\"type\":\"snapshot\"}"));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

        socket.close(SocketProtocol.NOT_TEXT);

        assertThat(closed.await(300, TimeUnit.MILLISECONDS)).as("closed while a frame was being written").isFalse();
        releaseWrite.countDown();
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(happened).containsExactly("write {\"type\":\"snapshot\"}", "written", "close 1003");
    }

    @Test
    void theFirstCloseWinsAndNothingIsWrittenAfterIt() throws InterruptedException {
        releaseWrite.countDown();

        socket.close(SocketProtocol.NOT_TEXT);
        socket.close(SocketProtocol.TOO_SLOW);
        socket.send(new TextMessage("{\"type\":\"pong\"}"));

        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        senders.shutdown();
        assertThat(senders.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(happened).containsExactly("close 1003");
    }

    private WebSocketSession session() {
        return OpenSessions.answering((method, args) -> switch (method) {
            case "sendMessage" -> {
                happened.add("write " + ((TextMessage) args[0]).getPayload());
                writing.countDown();
                releaseWrite.await();
                happened.add("written");
                yield null;
            }
            case "close" -> {
                happened.add("close " + ((CloseStatus) args[0]).getCode());
                closed.countDown();
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }
}
