package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.SocketUri;
import io.presencegrid.clienttools.api.TextFrames;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Update-to-event latency: subscribers on real WebSockets, each following {@code follows} users,
 * while those users change status at a fixed rate; each event is timed from the moment its update was
 * due to its arrival at a socket. Each followed user changes at most once per {@code users / rate}
 * seconds, so an event is never mistaken for the one before.
 */
final class NotifyLatency {

    /**
     * Latency per delivered event, and how many events that were owed never came. Each latency is split
     * at the event's {@code at}, stamped by the API node on the row's write as it sends it ({@link GridWriteSplit}):
     * before it the HTTP request and what came before the row's write, after it the write, the continuous
     * query, the API's fan-out and this client's socket. The split reads the API node's wall clock
     * against this JVM's, so it holds where both run on one host, as here.
     */
    record Result(Histogram latencies, Histogram untilGridWrite, Histogram afterGridWrite, long expected, long received,
                  OpenLoop.Outcome updates) {
    }

    private final ApiClient api;
    private final PresenceTokens tokens;
    private final int subscribers;
    private final int follows;
    private final int targets;
    private final String targetPrefix;
    /** Whether each target sets its {@link #privacyOf privacy} before the run. */
    private final boolean privateTargets;

    NotifyLatency(ApiClient api, PresenceTokens tokens, int subscribers, int follows, int targets) {
        this(api, tokens, subscribers, follows, targets, "notify-target-", false);
    }

    private NotifyLatency(ApiClient api, PresenceTokens tokens, int subscribers, int follows, int targets, String targetPrefix, boolean privateTargets) {
        this.api = api;
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.follows = follows;
        this.targets = targets;
        this.targetPrefix = targetPrefix;
        this.privateTargets = privateTargets;
        if ((long) subscribers * follows % targets != 0) {
            throw new IllegalArgumentException("subscribers x follows must be a multiple of targets, so every target has as many followers");
        }
    }

    /**
     * The same run with targets of their own, each of which shows its presence only to an allowed list
     * of 1,000 ids (its followers among them) and blocks 500 others: about as much privacy as the API's
     * 16 KiB body limit lets a user set, so the worst case of what privacy costs on the event path,
     * since every event carries both lists and every follower is checked against them, yet every event
     * is still owed.
     */
    NotifyLatency withPrivateTargets() {
        return new NotifyLatency(api, tokens, subscribers, follows, targets, "notify-private-", true);
    }

    /** Target t's privacy: its followers and short fillers allowed, up to 1,000, and 500 blocked. */
    private String privacyOf(int t) {
        StringBuilder allowed = new StringBuilder();
        int listed = 0;
        for (int s = 0; s < subscribers; s++) {
            for (int k = 0; k < follows; k++) {
                if ((s * follows + k) % targets == t) {
                    allowed.append(listed++ == 0 ? "\"" : ",\"").append(subscriberId(s)).append('"');
                }
            }
        }
        for (int filler = 0; listed < 1_000; filler++) {
            allowed.append(listed++ == 0 ? "\"" : ",\"").append(String.format("nf-%04d", filler)).append('"');
        }
        StringBuilder blocked = new StringBuilder();
        for (int b = 0; b < 500; b++) {
            blocked.append(b == 0 ? "\"" : ",\"").append(String.format("nb-%04d", b)).append('"');
        }
        return "{\"presence\":\"allowed\",\"lastSeen\":\"allowed\",\"allowed\":[" + allowed + "],\"blocked\":[" + blocked + "]}";
    }

    private static String subscriberId(int s) {
        return String.format("notify-subscriber-%05d", s);
    }

    /**
     * @param warmUpSeconds untimed changes at the same rate first: this is the first phase with sockets,
     *                      and the first seconds of events through a cold fan-out and cold client sockets
     *                      took up to a second each, which measures a cold JVM, not the fan-out; and
     *                      the set-up's writes are checkpointed during it when it outlasts the interval
     * @param connections   HTTP connections the updates go over, at most one update in flight on each
     */
    Result run(double updatesPerSecond, double warmUpSeconds, double seconds, int connections) throws Exception {
        String[] targetIds = new String[targets];
        String[] targetTokens = new String[targets];
        for (int t = 0; t < targets; t++) {
            targetIds[t] = String.format("%s%05d", targetPrefix, t);
            targetTokens[t] = tokens.user(targetIds[t]);
            if (privateTargets) {
                api.put("/v1/privacy/" + targetIds[t], targetTokens[t], privacyOf(t)).expect(200);
            }
        }
        // Everyone online first, so that every timed update below is a visible change.
        List<CompletableFuture<Integer>> online = new ArrayList<>();
        Semaphore pacing = new Semaphore(64);
        for (int t = 0; t < targets; t++) {
            pacing.acquire();
            online.add(api.updateAsync(targetTokens[t], targetIds[t], "phone", "online").whenComplete((s, e) -> pacing.release()));
        }
        CompletableFuture.allOf(online.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

        ConcurrentHashMap<String, Due> dueAt = new ConcurrentHashMap<>();
        Recorder latencies = Latencies.recorder();
        GridWriteSplit split = new GridWriteSplit();
        AtomicLong received = new AtomicLong();
        CountDownLatch subscribed = new CountDownLatch(subscribers);
        List<WebSocket> sockets = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            int[] snapshots = {0};
            WebSocket socket = TextFrames.open(api.http(), SocketUri.observer(api.base(), tokens.user(subscriberId(s))), frame -> {
                String user = Frames.presenceUser(frame);
                if (user != null) {
                    Due due = dueAt.get(user);
                    if (due != null) {
                        latencies.recordValue(System.nanoTime() - due.nanos());
                        split.record(due, Frames.at(frame));
                        received.incrementAndGet();
                    }
                } else if ("snapshot".equals(Frames.type(frame)) && ++snapshots[0] == 2) {
                    subscribed.countDown();
                }
            }).get(30, TimeUnit.SECONDS);
            socket.sendText(subscribeFrame(targetIds, s), true);
            sockets.add(socket);
        }
        if (!subscribed.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(subscribed.getCount() + " subscribers got no snapshot after subscribing");
        }

        // The warm-up runs the same loop untimed: its updates leave no due time, so their events are not
        // counted. Both loops share one count, so every target's next update still flips its status.
        AtomicLong sent = new AtomicLong();
        OpenLoop.run(updatesPerSecond, warmUpSeconds, connections, n -> change(targetIds, targetTokens, sent.getAndIncrement(), null));
        OpenLoop.Outcome updates = OpenLoop.run(updatesPerSecond, seconds, connections,
                n -> change(targetIds, targetTokens, sent.getAndIncrement(), dueAt));
        long expected = (updates.sent() - updates.failed()) * followersPerTarget();
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < expected && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        Result result = new Result(latencies.getIntervalHistogram(), split.untilWrite(), split.afterWrite(), expected, received.get(), updates);
        System.out.printf("  notify: %d subscribers x %d follows, %.0f updates/s after %.0f s of warm-up: %s, %d of %d events%n",
                subscribers, follows, updatesPerSecond, warmUpSeconds, Latencies.of(result.latencies()).summary(),
                result.received(), result.expected());
        System.out.printf("  notify, split where the row's write was sent: until it %s; after it %s%n",
                Latencies.of(result.untilGridWrite()).summary(), Latencies.of(result.afterGridWrite()).summary());
        return result;
    }

    /** The n-th status change: targets in turn, each flipping between busy and away once a round. */
    private CompletableFuture<Integer> change(String[] targetIds, String[] targetTokens, long n, Map<String, Due> dueAt) {
        int t = (int) (n % targets);
        if (dueAt != null) {
            dueAt.put(targetIds[t], Due.now());
        }
        String status = (n / targets) % 2 == 0 ? "busy" : "away";
        return api.updateAsync(targetTokens[t], targetIds[t], "phone", status);
    }

    private long followersPerTarget() {
        return (long) subscribers * follows / targets;
    }

    /** Subscriber s follows {@code follows} consecutive targets from s * follows on, wrapping round. */
    private String subscribeFrame(String[] targetIds, int s) {
        StringBuilder frame = new StringBuilder("{\"type\":\"subscribe\",\"userIds\":[");
        for (int k = 0; k < follows; k++) {
            frame.append(k == 0 ? "\"" : ",\"").append(targetIds[(s * follows + k) % targets]).append('"');
        }
        return frame.append("]}").toString();
    }
}
