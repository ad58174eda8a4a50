package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.SocketUri;
import io.presencegrid.clienttools.api.TextFrames;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many idle subscriber sockets one API node holds, and the API heap each costs: the
 * API's heap after a full GC ({@link ApiNodeProbe}) before the sockets open and once they are all open.
 */
final class SocketCapacity {

    /** Sockets asked for, opened and reported open by the API, and the heap each took. */
    record Result(int wanted, long opened, long failed, double apiSocketsOpen, double heapBytesPerSocket, double openSeconds) {
    }

    private final ApiClient api;
    private final PresenceTokens tokens;
    private final ApiNodeProbe apiNode;

    SocketCapacity(ApiClient api, PresenceTokens tokens, ApiNodeProbe apiNode) {
        this.api = api;
        this.tokens = tokens;
        this.apiNode = apiNode;
    }

    Result run(int wanted) throws Exception {
        double heapBefore = apiNode.heapAfterGc();
        // Its own client and selector: the sockets stay idle, so one I/O thread holds them all.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(2, DaemonThreads.named("bench-idle-socket"))).build();
        List<WebSocket> sockets = new ArrayList<>(wanted);
        AtomicLong failed = new AtomicLong();
        Semaphore handshakes = new Semaphore(64);
        long started = System.nanoTime();
        for (int s = 0; s < wanted; s++) {
            handshakes.acquire();
            CompletableFuture<WebSocket> socket = TextFrames.open(http, SocketUri.observer(api.base(), tokens.user(String.format("idle-subscriber-%06d", s))), frame -> {
            }).orTimeout(30, TimeUnit.SECONDS);
            socket.whenComplete((open, error) -> {
                handshakes.release();
                if (error != null) {
                    failed.incrementAndGet();
                } else {
                    synchronized (sockets) {
                        sockets.add(open);
                    }
                }
            });
        }
        if (!handshakes.tryAcquire(64, 2, TimeUnit.MINUTES)) {
            System.out.println("  idle sockets: handshakes still pending after 2 minutes");
        }
        double openSeconds = (System.nanoTime() - started) / 1e9;
        double open = apiNode.openSockets();
        double heapAfter = apiNode.heapAfterGc();
        long opened;
        synchronized (sockets) {
            opened = sockets.size();
        }
        Result result = new Result(wanted, opened, failed.get(), open,
                opened == 0 ? Double.NaN : (heapAfter - heapBefore) / opened, openSeconds);
        System.out.printf("  idle sockets: %d of %d open in %.0f s (%d failed), API reports %.0f open, %.0f heap bytes each%n",
                opened, wanted, openSeconds, failed.get(), open, result.heapBytesPerSocket());
        synchronized (sockets) {
            sockets.forEach(socket -> socket.abort());
        }
        // Closing them costs the API grid writes (interest withdrawn); the next phase should not pay for them.
        long closing = System.nanoTime();
        double left = apiNode.awaitOpenSocketsAtMost(0, 120);
        System.out.printf("  idle sockets: closed; the API had %s still open after %.0f s%n", ApiNodeProbe.describe(left),
                (System.nanoTime() - closing) / 1e9);
        return result;
    }
}
