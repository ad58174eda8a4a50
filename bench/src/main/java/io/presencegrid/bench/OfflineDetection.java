package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.SocketUri;
import io.presencegrid.clienttools.api.TextFrames;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.net.http.WebSocket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Offline detection: users send one heartbeat each and then fall silent; a watcher follows them all.
 * The time from each user's heartbeat (when it was sent) to the {@code expired} event at the watcher's
 * socket is compared with the TTL: the session cannot end before it, and everything past it is
 * detection lag.
 */
final class OfflineDetection {

    /** Heartbeat-to-event times, how many users never got their event, and the TTL they are held to. */
    record Result(Histogram sinceHeartbeat, long missing, int ttlSeconds) {
    }

    private final ApiClient api;
    private final PresenceTokens tokens;
    private final int users;
    private final int ttlSeconds;

    OfflineDetection(ApiClient api, PresenceTokens tokens, int users, int ttlSeconds) {
        this.api = api;
        this.tokens = tokens;
        this.users = users;
        this.ttlSeconds = ttlSeconds;
        if (users > 1_000) {
            throw new IllegalArgumentException("one watcher follows at most 1,000 users");
        }
    }

    Result run(double spreadSeconds) throws Exception {
        String[] userIds = new String[users];
        for (int u = 0; u < users; u++) {
            userIds[u] = String.format("offline-user-%05d-%d", u, System.currentTimeMillis() % 100_000);
        }
        ConcurrentHashMap<String, Long> heartbeatAt = new ConcurrentHashMap<>();
        Recorder sinceHeartbeat = Latencies.recorder();
        CountDownLatch expired = new CountDownLatch(users);
        CountDownLatch subscribed = new CountDownLatch(1);
        int[] snapshots = {0};
        WebSocket watcher = TextFrames.open(api.http(), SocketUri.observer(api.base(), tokens.user("offline-watcher")), frame -> {
            String user = Frames.presenceUser(frame);
            if (user != null && "expired".equals(Frames.reason(frame))) {
                Long sent = heartbeatAt.remove(user);
                if (sent != null) {
                    sinceHeartbeat.recordValue(System.nanoTime() - sent);
                    expired.countDown();
                }
            } else if ("snapshot".equals(Frames.type(frame)) && ++snapshots[0] == 2) {
                subscribed.countDown();
            }
        }).get(30, TimeUnit.SECONDS);
        watcher.sendText("{\"type\":\"subscribe\",\"userIds\":[\"" + String.join("\",\"", userIds) + "\"]}", true);
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the watcher got no snapshot after subscribing");
        }
        // Heartbeats spread out, as real clients' are, so expiry is not measured on one batch.
        long intervalNanos = (long) (spreadSeconds * 1e9 / users);
        long start = System.nanoTime();
        for (int u = 0; u < users; u++) {
            long due = start + u * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            heartbeatAt.put(userIds[u], System.nanoTime());
            int status = api.updateAsync(tokens.user(userIds[u]), userIds[u], "phone", "online").get(30, TimeUnit.SECONDS);
            if (status != 200) {
                heartbeatAt.remove(userIds[u]);
                throw new IllegalStateException("heartbeat of " + userIds[u] + " answered " + status);
            }
        }
        expired.await(ttlSeconds + 60L, TimeUnit.SECONDS);
        watcher.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        Result result = new Result(sinceHeartbeat.getIntervalHistogram(), expired.getCount(), ttlSeconds);
        System.out.printf("  offline detection, %d users, TTL %d s: %s since the heartbeat, %d never expired%n",
                users, ttlSeconds, Latencies.of(result.sinceHeartbeat()).summary(), result.missing());
        return result;
    }
}
