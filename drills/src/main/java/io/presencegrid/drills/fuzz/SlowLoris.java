package io.presencegrid.drills.fuzz;

import io.presencegrid.clienttools.api.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow-loris connections: each sends a request line and then its headers a byte at a time, never
 * finishing them. While they dribble, a probe must still get answers quickly (the NIO connector holds
 * no thread for a connection waiting for bytes); once they stall, the server must close every one of
 * them within {@code stallBoundMillis} (its connection timeout, plus slack).
 */
final class SlowLoris {

    private static final long PROBE_BOUND_MILLIS = 2_000;

    private final URI base;
    private final ApiClient probe;
    private final FuzzTally tally;

    SlowLoris(String base, FuzzTally tally) {
        this.base = URI.create(base);
        this.probe = new ApiClient(base);
        this.tally = tally;
    }

    /** @return the longest time, in ms, the server took to close a stalled connection */
    long run(int connections, long dribbleMillis, long stallBoundMillis) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.getOutputStream().write(("GET /v1/status/loris" + i + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            dribble(sockets, dribbleMillis);
            return awaitClosed(sockets, stallBoundMillis);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private void dribble(List<Socket> sockets, long dribbleMillis) throws Exception {
        byte[] header = "X-Loris: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
        long end = System.currentTimeMillis() + dribbleMillis;
        for (int at = 0; System.currentTimeMillis() < end; at = (at + 1) % header.length) {
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write(header[at]);
                } catch (IOException closedByServer) {
                    // A server may cut a dribbler off early: that is a defence, not a failure.
                }
            }
            long started = System.nanoTime();
            int status = probe.get("/actuator/health", null).status();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (status != 200 || millis > PROBE_BOUND_MILLIS) {
                tally.fail("SLOWLORIS health probe answered " + status + " in " + millis + " ms while "
                        + sockets.size() + " connections dribbled");
            }
            Thread.sleep(1_000);
        }
    }

    private long awaitClosed(List<Socket> sockets, long stallBoundMillis) throws IOException {
        long stalled = System.currentTimeMillis();
        long slowest = 0;
        for (Socket socket : sockets) {
            tally.cases.increment();
            long left = stallBoundMillis - (System.currentTimeMillis() - stalled);
            if (left > 0 && closedWithin(socket, left)) {
                slowest = Math.max(slowest, System.currentTimeMillis() - stalled);
            } else {
                tally.fail("SLOWLORIS connection still open " + stallBoundMillis + " ms after it stalled mid-headers");
                slowest = Math.max(slowest, System.currentTimeMillis() - stalled);
            }
        }
        return slowest;
    }

    /** True once the server ends the connection (EOF, a reset, or an error answer followed by EOF). */
    private static boolean closedWithin(Socket socket, long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
