package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingHttpTest {

    /** What the server read: which connection (in the order accepted), and the request. */
    record Received(int connection, String head, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private BlockingHttp http;

    @AfterEach
    void stop() throws IOException {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsEachRequestWholeAndReadsEachAnswerOverOneKeptAliveConnection() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        start(request -> answered.incrementAndGet() == 2
                ? "HTTP/1.1 429 \r\nContent-Type: application/problem+json\r\nContent-Length: 20\r\n\r\n{\"title\":\"Too many\"}"
                : "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}", 0);

        assertThat(http.post("/v1/status/update", "token-1", "{\"userId\":\"ana\"}")).isEqualTo(200);
        assertThat(http.post("/v1/status/update", "token-2", "{\"userId\":\"bo\u00e9\"}")).isEqualTo(429);
        assertThat(http.post("/v1/other", null, "{}")).isEqualTo(200);

        assertThat(received).extracting(Received::connection).containsExactly(1, 1, 1);
        assertThat(received.get(0).head()).startsWith("POST /v1/status/update HTTP/1.1\r\n")
                .contains("\r\nAuthorization: Bearer token-1\r\n", "\r\nContent-Type: application/json\r\n");
        assertThat(received.get(1).body()).isEqualTo("{\"userId\":\"bo\u00e9\"}");
        assertThat(received.get(2).head()).startsWith("POST /v1/other HTTP/1.1\r\n").doesNotContain("Authorization");
        assertThat(http.openConnections()).isEqualTo(1);
    }

    @Test
    void readsChunkedAnswersToTheirEndSoTheNextAnswerIsReadFromItsStart() throws Exception {
        start(request -> "HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{\"a\":\r\n3\r\n12}\r\n0\r\nTrailer: x\r\n\r\n", 0);

        assertThat(http.post("/a", "t", "{}")).isEqualTo(200);
        assertThat(http.post("/b", "t", "{}")).isEqualTo(200);

        assertThat(received).extracting(Received::connection).containsExactly(1, 1);
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedAndItsRequestSentOnce() throws Exception {
        // The server answers one request per connection and closes it without saying so, as a server
        // does when an idle keep-alive connection times out.
        start(request -> "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", 1);

        assertThat(http.post("/first", "t", "{}")).isEqualTo(200);
        assertThat(http.post("/second", "t", "{}")).isEqualTo(200);

        assertThat(received).extracting(r -> r.head().lines().findFirst().orElseThrow())
                .containsExactly("POST /first HTTP/1.1", "POST /second HTTP/1.1");
        assertThat(received).extracting(Received::connection).containsExactly(1, 2);
    }

    @Test
    void anAnswerThatClosesItsConnectionIsStillReturnedAndTheConnectionNotReused() throws Exception {
        start(request -> "HTTP/1.1 503 \r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", 1);

        assertThat(http.post("/a", "t", "{}")).isEqualTo(503);
        assertThat(http.openConnections()).isZero();
        assertThat(http.post("/b", "t", "{}")).isEqualTo(503);

        assertThat(received).extracting(Received::connection).containsExactly(1, 2);
    }

    @Test
    void aServerThatClosesANewConnectionWithoutAnAnswerIsAnErrorNotARetryLoop() throws Exception {
        start(request -> null, 0);

        assertThatThrownBy(() -> http.post("/a", "t", "{}")).isInstanceOf(IOException.class);
        assertThat(received).hasSize(1);
        assertThat(http.openConnections()).isZero();
    }

    @Test
    void asyncRequestsGoOutOnTheSendersAndCompleteWithTheirStatus() throws Exception {
        start(request -> "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", 0);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.postAsync("/a" + i, "t", "{}").get());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200);
        assertThat(received).hasSize(4);
    }

    /**
     * A server on the loopback that answers each request with {@code answer} (null: closes the connection
     * instead), closing each connection after {@code perConnection} answers (0: never).
     */
    private void start(Function<String, String> answer, int perConnection) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger connections = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    int connection = connections.incrementAndGet();
                    Thread serving = new Thread(() -> serve(socket, connection, answer, perConnection));
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        http = new BlockingHttp("http://127.0.0.1:" + server.getLocalPort(), 2);
    }

    private void serve(Socket socket, int connection, Function<String, String> answer, int perConnection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int answered = 0; perConnection == 0 || answered < perConnection; answered++) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                        .mapToInt(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                received.add(new Received(connection, head, body));
                String reply = answer.apply(head);
                if (reply == null) {
                    return;
                }
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }
}
