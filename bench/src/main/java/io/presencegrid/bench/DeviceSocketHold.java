package io.presencegrid.bench;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Device sockets at scale: one {@code /v1/ws?device=phone} socket per user, as many as the file limit
 * allows, held open for two TTLs and a few seconds more. While a device socket is open the API must keep
 * its session alive, so no user may expire. Counted two ways:
 * <ol>
 *   <li>Observer sockets (no device, each following up to 1,000 of the users) subscribe before any
 *   device socket opens. Each user's first presence event is then its going online; an {@code expired}
 *   event, or any event after the first, is a presence change that should not have happened. Watching
 *   from before the first socket catches an expiry while the rest are still opening, too.</li>
 *   <li>A batch read of every user right after the last socket opened and again at the end of the hold:
 *   each must read online, with the version it had.</li>
 * </ol>
 * The API heap per socket comes from a forced GC before the sockets open and before they close.
 */
final class DeviceSocketHold {

    /** The most users one subscriber may follow. */
    private static final int FOLLOWS_PER_OBSERVER = 1_000;
    private static final String DEVICE = "phone";
    private static final int STATE_OPEN = 1;
    private static final int STATE_FAILED = 2;
    private static final int STATE_CLOSED = 3;

    /**
     * Sockets asked for and held open throughout; false {@code expired} events and other presence
     * changes the observers saw; users the final read found offline or at another version (of those read
     * at the start); the API heap per socket; how long opening took; while the sockets were held, the
     * CPU of the grid nodes and the API, and the session refreshes the API made (per second, and the mean
     * time of one) against those it would need to refresh every socket each TTL/3, its own period.
     */
    record Result(int wanted, long held, long failedToOpen, long closedByServer, long falseExpiries, long laterChanges,
                  long usersRead, long notOnlineAtStart, long changedAtEnd, double heapBytesPerSocket, double openSeconds,
                  int holdSeconds, CpuCost holdCpu, double refreshesPerSecond, double refreshesNeededPerSecond,
                  double meanRefreshMillis) {

        boolean clean() {
            return falseExpiries == 0 && laterChanges == 0 && notOnlineAtStart == 0 && changedAtEnd == 0;
        }
    }

    private final ApiClient api;
    private final ApiNodeProbe apiNode;
    private final int ttlSeconds;
    /** Ids of this run only: with --reuse, an earlier run's observers already follow 1,000 users each. */
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 2_176_782_336L, 36);

    DeviceSocketHold(ApiClient api, ApiNodeProbe apiNode, int ttlSeconds) {
        this.api = api;
        this.apiNode = apiNode;
        this.ttlSeconds = ttlSeconds;
    }

    Result run(int wanted, CpuMeter serversAndApi) throws Exception {
        String[] userIds = new String[wanted];
        for (int u = 0; u < wanted; u++) {
            userIds[u] = "dv" + run + "-" + u;
        }
        double leftOpen = apiNode.awaitOpenSocketsAtMost(0, 120);
        if (leftOpen > 0) {
            System.out.printf("  device sockets: the API still counts %.0f sockets of earlier phases open%n", leftOpen);
        }
        double heapBefore = apiNode.heapAfterGc();
        // Its own client: one selector thread holds every socket, which stays all but idle.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(2, ApiClient.daemon("bench-device-socket"))).build();
        PresenceChangeWatch watch = new PresenceChangeWatch(userIds);
        List<WebSocket> observers = openObservers(http, userIds, watch);

        AtomicIntegerArray states = new AtomicIntegerArray(wanted);
        WebSocket[] sockets = new WebSocket[wanted];
        long started = System.nanoTime();
        openDeviceSockets(http, userIds, states, sockets);
        double openSeconds = (System.nanoTime() - started) / 1e9;
        long allOpen = System.nanoTime();
        System.out.printf("  device sockets: %d asked for, opened in %.0f s; %d false expiries so far%n", wanted, openSeconds,
                watch.expired());

        CpuMeter.Window window = serversAndApi.start();
        // The bench sends no update while holding, so every update the API makes now is a refresh.
        ApiNodeProbe.UpdateTimer updatesAtStart = apiNode.updates();
        Map<String, PresenceReadings.Reading> atStart = readAll(userIds, states);
        int holdSeconds = 2 * ttlSeconds + 5;
        TimeUnit.NANOSECONDS.sleep(Math.max(0, allOpen + TimeUnit.SECONDS.toNanos(holdSeconds) - System.nanoTime()));
        Map<String, PresenceReadings.Reading> atEnd = readAll(userIds, states);
        watch.stop();
        long held = count(states, STATE_OPEN);
        CpuCost holdCpu = window.stop(held);
        ApiNodeProbe.UpdateTimer updatesAtEnd = apiNode.updates();
        double refreshesPerSecond = updatesAtEnd.perSecondSince(updatesAtStart, holdCpu.windowSeconds());
        double refreshesNeeded = held / Math.max(0.5, ttlSeconds / 3.0);
        double heapAfter = apiNode.heapAfterGc();

        long notOnlineAtStart = atStart.values().stream().filter(reading -> !reading.online()).count();
        long changedAtEnd = atStart.entrySet().stream().filter(start -> {
            PresenceReadings.Reading end = atEnd.get(start.getKey());
            return end == null || !end.online() || end.version() != start.getValue().version();
        }).count();
        Result result = new Result(wanted, held, count(states, STATE_FAILED), count(states, STATE_CLOSED), watch.expired(),
                watch.laterChanges(), atStart.size(), notOnlineAtStart, changedAtEnd,
                held == 0 ? Double.NaN : (heapAfter - heapBefore) / held, openSeconds, holdSeconds, holdCpu, refreshesPerSecond,
                refreshesNeeded, updatesAtEnd.meanMillisSince(updatesAtStart));
        System.out.printf("  device sockets: %d held %d s, %d failed to open, %d closed by the server; %d false expiries (first %s),"
                        + " %d later changes; of %d users read: %d not online at the start, %d offline or changed at the end;"
                        + " %.0f heap bytes each; grid nodes and API busy %.2f cores while holding; the API refreshed %.0f sessions/s"
                        + " (%.1f ms each), %.0f/s needed%n",
                held, holdSeconds, result.failedToOpen(), result.closedByServer(), result.falseExpiries(), watch.firstExpiry(started),
                result.laterChanges(), result.usersRead(), notOnlineAtStart, changedAtEnd, result.heapBytesPerSocket(), holdCpu.cores(),
                refreshesPerSecond, result.meanRefreshMillis(), refreshesNeeded);

        closeAll(sockets, observers);
        return result;
    }

    /** Enough observers to follow every user, each subscribed before any device socket opens. */
    private List<WebSocket> openObservers(HttpClient http, String[] userIds, PresenceChangeWatch watch) throws Exception {
        int count = (userIds.length + FOLLOWS_PER_OBSERVER - 1) / FOLLOWS_PER_OBSERVER;
        CountDownLatch subscribed = new CountDownLatch(count);
        List<WebSocket> observers = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            int[] snapshots = {0};
            WebSocket observer = BenchSocket.open(http, api.baseUrl(), api.token("do" + run + "-" + o), frame -> {
                if ("snapshot".equals(Frames.type(frame))) {
                    if (++snapshots[0] == 2) {
                        subscribed.countDown();
                    }
                } else {
                    watch.record(frame);
                }
            }).get(30, TimeUnit.SECONDS);
            int from = o * FOLLOWS_PER_OBSERVER;
            int to = Math.min(userIds.length, from + FOLLOWS_PER_OBSERVER);
            observer.sendText("{\"type\":\"subscribe\",\"userIds\":[\"" + String.join("\",\"", List.of(userIds).subList(from, to))
                    + "\"]}", true);
            observers.add(observer);
        }
        if (!subscribed.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(subscribed.getCount() + " observers got no snapshot after subscribing");
        }
        return observers;
    }

    private void openDeviceSockets(HttpClient http, String[] userIds, AtomicIntegerArray states, WebSocket[] sockets)
            throws InterruptedException {
        Semaphore handshakes = new Semaphore(64);
        for (int u = 0; u < userIds.length; u++) {
            handshakes.acquire();
            int user = u;
            BenchSocket.openDevice(http, api.baseUrl(), api.token(userIds[u]), DEVICE, frame -> {
            }, () -> states.compareAndSet(user, STATE_OPEN, STATE_CLOSED)).orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            states.set(user, STATE_FAILED);
                        } else {
                            sockets[user] = socket;
                            states.compareAndSet(user, 0, STATE_OPEN);
                        }
                        handshakes.release();
                    });
        }
        if (!handshakes.tryAcquire(64, 2, TimeUnit.MINUTES)) {
            System.out.println("  device sockets: handshakes still pending after 2 minutes");
        }
    }

    /**
     * The users whose socket is open, read in batches as users of their own (the rate limit is per user).
     * A batch stays under 500 ids and its URL well under Tomcat's 8 KB request-header limit.
     */
    private Map<String, PresenceReadings.Reading> readAll(String[] userIds, AtomicIntegerArray states) throws Exception {
        List<String> open = new ArrayList<>();
        for (int u = 0; u < userIds.length; u++) {
            if (states.get(u) == STATE_OPEN) {
                open.add(userIds[u]);
            }
        }
        int batch = Math.min(500, 6_000 / (userIds[userIds.length - 1].length() + 1));
        Map<String, PresenceReadings.Reading> readings = new HashMap<>();
        for (int from = 0, reader = 0; from < open.size(); from += batch, reader++) {
            List<String> ids = open.subList(from, Math.min(open.size(), from + batch));
            readings.putAll(PresenceReadings.parse(api.get("/v1/status?userIds=" + String.join(",", ids),
                    api.token("dr" + run + "-" + reader))));
        }
        return readings;
    }

    /** Aborts every socket and waits until the API has let go of them: its session ends cost grid writes. */
    private void closeAll(WebSocket[] sockets, List<WebSocket> observers) throws Exception {
        long closing = System.nanoTime();
        for (WebSocket socket : sockets) {
            if (socket != null) {
                socket.abort();
            }
        }
        observers.forEach(WebSocket::abort);
        double left = apiNode.awaitOpenSocketsAtMost(0, 180);
        System.out.printf("  device sockets: closed; the API counted %.0f still open after %.0f s%n", left,
                (System.nanoTime() - closing) / 1e9);
    }

    private static long count(AtomicIntegerArray states, int state) {
        long count = 0;
        for (int i = 0; i < states.length(); i++) {
            if (states.get(i) == state) {
                count++;
            }
        }
        return count;
    }
}
