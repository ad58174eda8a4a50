package io.presencegrid.bench;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 *   each must read online, with the version it had ({@link PresenceBatchRead}).</li>
 * </ol>
 * A socket counts as open once its first snapshot frame arrives: the API sends it at the end of its
 * own opening work (the session's first write among it), which the handshake's answer precedes. The
 * API heap per socket comes from a forced GC before the sockets open and before they close.
 */
final class DeviceSocketHold {

    /** The most users one subscriber may follow. */
    private static final int FOLLOWS_PER_OBSERVER = 1_000;
    private static final int OPENING_AT_ONCE = 64;
    private static final int STATE_OPEN = 1;
    private static final int STATE_FAILED = 2;
    private static final int STATE_CLOSED = 3;

    /**
     * Sockets asked for and held open throughout; false {@code expired} events and other presence
     * changes the observers saw; users the final read found offline or at another version (of those read
     * at the start); the API heap per socket; how long opening took; while the sockets were held, the
     * CPU of the grid nodes and the API, and the session refreshes the API made (per second, and the mean
     * time of one batch: a grid call) against those it would need to refresh every socket each TTL/3, its own period.
     */
    record Result(int wanted, long held, long failedToOpen, long closedByServer, long falseExpiries, long laterChanges,
                  long usersRead, long notOnlineAtStart, long changedAtEnd, double heapBytesPerSocket, double openSeconds,
                  int holdSeconds, CpuCost holdCpu, double refreshesPerSecond, double refreshesNeededPerSecond,
                  double meanRefreshBatchMillis) {

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
        System.out.printf("  device sockets: %d asked for, opened in %.0f s; %d false expiries so far%n", wanted, openSeconds,
                watch.expired());

        Result result = hold(userIds, states, watch, serversAndApi, heapBefore, openSeconds);
        System.out.printf("  device sockets: %d held %d s, %d failed to open, %d closed by the server; %d false expiries (first %s),"
                        + " %d later changes; of %d users read: %d not online at the start, %d offline or changed at the end;"
                        + " %.0f heap bytes each; grid nodes and API busy %.2f cores while holding; the API refreshed %.0f sessions/s"
                        + " (%.1f ms per batch), %.0f/s needed%n",
                result.held(), result.holdSeconds(), result.failedToOpen(), result.closedByServer(), result.falseExpiries(),
                watch.firstExpiry(started), result.laterChanges(), result.usersRead(), result.notOnlineAtStart(), result.changedAtEnd(),
                result.heapBytesPerSocket(), result.holdCpu().cores(), result.refreshesPerSecond(), result.meanRefreshBatchMillis(),
                result.refreshesNeededPerSecond());
        closeAll(sockets, observers);
        return result;
    }

    /** From the moment the last socket opened: read everyone, wait two TTLs and a bit, read everyone again. */
    private Result hold(String[] userIds, AtomicIntegerArray states, PresenceChangeWatch watch, CpuMeter serversAndApi,
                        double heapBefore, double openSeconds) throws Exception {
        long allOpen = System.nanoTime();
        int holdSeconds = 2 * ttlSeconds + 5;
        PresenceBatchRead reader = new PresenceBatchRead(api, "dr" + run);
        List<String> open = usersIn(userIds, states, STATE_OPEN);
        CpuMeter.Window window = serversAndApi.start();
        ApiNodeProbe.RefreshReading refreshesAtStart = apiNode.refreshes();
        Map<String, PresenceReadings.Reading> atStart = reader.readAll(open);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, allOpen + TimeUnit.SECONDS.toNanos(holdSeconds) - System.nanoTime()));
        Map<String, PresenceReadings.Reading> atEnd = reader.readAll(open);
        watch.stop();
        long held = usersIn(userIds, states, STATE_OPEN).size();
        CpuCost holdCpu = window.stop(held);
        ApiNodeProbe.RefreshReading refreshesAtEnd = apiNode.refreshes();
        double heapAfter = apiNode.heapAfterGc();

        long notOnlineAtStart = atStart.values().stream().filter(reading -> !reading.online()).count();
        long changedAtEnd = atStart.entrySet().stream().filter(start -> {
            PresenceReadings.Reading end = atEnd.get(start.getKey());
            return end == null || !end.online() || end.version() != start.getValue().version();
        }).count();
        return new Result(userIds.length, held, usersIn(userIds, states, STATE_FAILED).size(),
                usersIn(userIds, states, STATE_CLOSED).size(), watch.expired(), watch.laterChanges(), atStart.size(), notOnlineAtStart,
                changedAtEnd, held == 0 ? Double.NaN : (heapAfter - heapBefore) / held, openSeconds, holdSeconds, holdCpu,
                refreshesAtEnd.sessionsPerSecondSince(refreshesAtStart, holdCpu.windowSeconds()), held / Math.max(0.5, ttlSeconds / 3.0),
                refreshesAtEnd.meanBatchMillisSince(refreshesAtStart));
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

    /** At most {@link #OPENING_AT_ONCE} sockets are opening at a time, from handshake to first snapshot. */
    private void openDeviceSockets(HttpClient http, String[] userIds, AtomicIntegerArray states, WebSocket[] sockets)
            throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        for (int u = 0; u < userIds.length; u++) {
            opening.acquire();
            int user = u;
            CompletableFuture<Void> snapshot = new CompletableFuture<>();
            CompletableFuture<WebSocket> handshake = BenchSocket.openDevice(http, api.baseUrl(), api.token(userIds[u]), "phone", frame -> {
                if ("snapshot".equals(Frames.type(frame))) {
                    snapshot.complete(null);
                }
            }, () -> {
                states.compareAndSet(user, STATE_OPEN, STATE_CLOSED);
                snapshot.completeExceptionally(new IllegalStateException("closed before its snapshot"));
            });
            handshake.thenCombine(snapshot, (socket, ignored) -> socket).orTimeout(60, TimeUnit.SECONDS).whenComplete((socket, error) -> {
                sockets[user] = error == null ? socket : handshake.getNow(null);
                states.compareAndSet(user, 0, error == null ? STATE_OPEN : STATE_FAILED);
                opening.release();
            });
        }
        if (!opening.tryAcquire(OPENING_AT_ONCE, 2, TimeUnit.MINUTES)) {
            System.out.println("  device sockets: some still opening after 2 minutes");
        }
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

    private static List<String> usersIn(String[] userIds, AtomicIntegerArray states, int state) {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < userIds.length; u++) {
            if (states.get(u) == state) {
                users.add(userIds[u]);
            }
        }
        return users;
    }
}
