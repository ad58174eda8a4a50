package io.presencegrid.drills.fuzz;

import io.presencegrid.drills.RawWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Thousands of sockets from one user, opened as fast as the API lets them and held open. The API
 * has no per-user socket cap; what bounds one user is the rate limit on handshakes (a 429 problem
 * with Retry-After, which the flood obeys). Every accepted socket must get its snapshot.
 */
final class SocketFlood implements AutoCloseable {

    /** As long as an HTTP request may take: a slow snapshot under the run's load is slow, not lost. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String base;
    private final String token;
    private final FuzzTally tally;
    private final List<RawWebSocket> held = new ArrayList<>();
    private int refused;
    private long slowestSnapshotMillis;

    SocketFlood(String base, String token, FuzzTally tally) {
        this.base = base;
        this.token = token;
        this.tally = tally;
    }

    void run(int attempts) throws InterruptedException {
        for (int i = 0; i < attempts; i++) {
            tally.cases.increment();
            tally.socketCases.increment();
            try {
                long started = System.nanoTime();
                RawWebSocket socket = RawWebSocket.open(base, "/v1/ws", token, WAIT);
                if (socket.status() == 101) {
                    held.add(socket);
                    if (socket.nextText(WAIT) == null) {
                        wrong("socket " + held.size() + " of one user got no snapshot within " + WAIT);
                    }
                    slowestSnapshotMillis = Math.max(slowestSnapshotMillis, (System.nanoTime() - started) / 1_000_000);
                } else if (socket.status() == 429 && socket.header("Retry-After") != null
                        && String.valueOf(socket.header("Content-Type")).startsWith("application/problem+json")) {
                    refused++;
                    socket.close();
                    Thread.sleep(1_000L * Math.max(1, Long.parseLong(socket.header("Retry-After"))));
                } else {
                    wrong("handshake " + i + " of one user answered " + socket.status() + " " + socket.body());
                    socket.close();
                }
            } catch (java.io.IOException e) {
                wrong("handshake " + i + " of one user failed with " + held.size() + " open: " + e);
            }
        }
    }

    private void wrong(String line) {
        tally.socketWrong.increment();
        tally.fail("FLOOD " + line);
    }

    int held() {
        return held.size();
    }

    /** The longest time from opening a socket to its snapshot. */
    long slowestSnapshotMillis() {
        return slowestSnapshotMillis;
    }

    int refused() {
        return refused;
    }

    @Override
    public void close() {
        held.forEach(RawWebSocket::close);
    }
}
