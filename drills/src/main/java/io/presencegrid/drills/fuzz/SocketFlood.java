package io.presencegrid.drills.fuzz;

import io.presencegrid.drills.RawWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thousands of handshakes from one user, as fast as the API lets them, every socket held open. Two
 * things bound one user: the rate limit on handshakes (a 429 problem with Retry-After, which the
 * flood obeys) and the cap on open sockets per user (a 429 problem without Retry-After, naming the
 * cap). Every accepted socket must get its snapshot, and the cap must hold exactly: the first
 * refusal over it must come with as many sockets open as it names.
 */
final class SocketFlood implements AutoCloseable {

    /** As long as an HTTP request may take: a slow snapshot under the run's load is slow, not lost. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CAP = Pattern.compile("at most (\\d+) open per user");

    private final String base;
    private final String token;
    private final FuzzTally tally;
    private final List<RawWebSocket> held = new ArrayList<>();
    private int refused;
    private int overCap;
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
                } else if (socket.status() == 429 && socket.header("Retry-After") == null && isProblem(socket)) {
                    overCap++;
                    socket.close();
                    Matcher cap = CAP.matcher(socket.body());
                    if (!cap.find()) {
                        wrong("handshake " + i + " of one user refused without naming the cap: " + socket.body());
                    } else if (overCap == 1 && Integer.parseInt(cap.group(1)) != held.size()) {
                        wrong("refused over a cap of " + cap.group(1) + " sockets with " + held.size() + " open");
                    }
                } else if (socket.status() == 429 && socket.header("Retry-After") != null && isProblem(socket)) {
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

    private static boolean isProblem(RawWebSocket socket) {
        return String.valueOf(socket.header("Content-Type")).startsWith("application/problem+json");
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

    /** Handshakes refused because the user held as many sockets as the API allows. */
    int overCap() {
        return overCap;
    }

    @Override
    public void close() {
        held.forEach(RawWebSocket::close);
    }
}
