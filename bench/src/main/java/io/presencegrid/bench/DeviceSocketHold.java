package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.tasks.presence.HeldSessions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
 * A socket counts as open once its first snapshot frame arrives ({@link DeviceSockets}). The API heap
 * per socket comes from a forced GC before the sockets open and before they close.
 */
final class DeviceSocketHold {

    /**
     * Sockets asked for and held open throughout; false {@code expired} events and other presence
     * changes the observers saw; users the final read found offline or at another version (of those read
     * at the start); the API heap per socket; how long opening took; while the sockets were held, the
     * CPU of the grid nodes and the API, and the session refreshes the API made (per second, and the mean
     * time of one batch: a grid call) against those it would need to refresh every socket each third of a held session's TTL, its own
     * period; after that verdict, status frames sent over the same sockets ({@link SocketChanges}).
     */
    record Result(int wanted, long held, long failedToOpen, long closedByServer, long falseExpiries, long laterChanges,
                  long usersRead, long notOnlineAtStart, long changedAtEnd, double heapBytesPerSocket, double openSeconds,
                  int holdSeconds, CpuCost holdCpu, double refreshesPerSecond, double refreshesNeededPerSecond,
                  double meanRefreshBatchMillis, SocketChanges.Result changes) {

        boolean clean() {
            return falseExpiries == 0 && laterChanges == 0 && notOnlineAtStart == 0 && changedAtEnd == 0;
        }

        /**
         * The CPU of holding, per socket kept alive for a third of the TTL: what one REST heartbeat buys, so
         * a socket client's heartbeat compares with an HTTP one. Once every socket's session was rewritten
         * that often, and this was the CPU per rewrite; since the API node's lease keeps them alive, the
         * rewrites are a tenth as many and the holding's CPU is shared by the heartbeats it stands for.
         */
        CpuCost perRefresh() {
            double heartbeatsWorthPerSecond = refreshesNeededPerSecond * HeldSessions.TTL_FACTOR;
            return new CpuCost(holdCpu.secondsByProcess(), holdCpu.compilerSecondsByProcess(),
                    Math.round(heartbeatsWorthPerSecond * holdCpu.windowSeconds()), holdCpu.windowSeconds(), holdCpu.contextSwitches());
        }

        Result withChanges(SocketChanges.Result measured) {
            return new Result(wanted, held, failedToOpen, closedByServer, falseExpiries, laterChanges, usersRead, notOnlineAtStart,
                    changedAtEnd, heapBytesPerSocket, openSeconds, holdSeconds, holdCpu, refreshesPerSecond, refreshesNeededPerSecond,
                    meanRefreshBatchMillis, measured);
        }
    }

    private final ApiClient api;
    private final PresenceTokens tokens;
    private final ApiNodeProbe apiNode;
    private final int ttlSeconds;
    /** Ids of this run only: with --reuse, an earlier run's observers already follow 1,000 users each. */
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 2_176_782_336L, 36);

    DeviceSocketHold(ApiClient api, PresenceTokens tokens, ApiNodeProbe apiNode, int ttlSeconds) {
        this.api = api;
        this.tokens = tokens;
        this.apiNode = apiNode;
        this.ttlSeconds = ttlSeconds;
    }

    /**
     * @param changesPerSecond the rate of status frames sent once the hold has been judged
     * @param changeSeconds for how long
     */
    Result run(int wanted, CpuMeter serversAndApi, double changesPerSecond, int changeSeconds) throws Exception {
        String[] userIds = new String[wanted];
        for (int u = 0; u < wanted; u++) {
            userIds[u] = "dv" + run + "-" + u;
        }
        double leftOpen = apiNode.awaitOpenSocketsAtMost(0, 120);
        if (!(leftOpen <= 0)) { // also when the count is not known (NaN)
            System.out.printf("  device sockets: the API still has %s of earlier phases open%n", ApiNodeProbe.describe(leftOpen));
        }
        double heapBefore = apiNode.heapAfterGc();
        // Its own client: one selector thread holds every socket, which stays all but idle.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(2, DaemonThreads.named("bench-device-socket"))).build();
        PresenceChangeWatch watch = new PresenceChangeWatch(userIds);
        DeviceSockets sockets = new DeviceSockets(api, tokens, apiNode, http, userIds);
        SocketChanges changes = new SocketChanges(userIds);
        sockets.openObservers("do" + run + "-", frame -> {
            watch.record(frame);
            changes.onEvent(frame);
        });

        long started = System.nanoTime();
        sockets.openDevices();
        double openSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  device sockets: %d asked for, opened in %.0f s; %d false expiries so far%n", wanted, openSeconds,
                watch.expired());

        Result held = hold(userIds, sockets, watch, serversAndApi, heapBefore, openSeconds);
        System.out.printf("  device sockets: %d held %d s, %d failed to open, %d closed by the server; %d false expiries (first %s),"
                        + " %d later changes; of %d users read: %d not online at the start, %d offline or changed at the end;"
                        + " %.0f heap bytes each; grid nodes and API busy %.2f cores while holding; the API refreshed %.0f sessions/s"
                        + " (%.1f ms per batch), %.0f/s needed%n",
                held.held(), held.holdSeconds(), held.failedToOpen(), held.closedByServer(), held.falseExpiries(),
                watch.firstExpiry(started), held.laterChanges(), held.usersRead(), held.notOnlineAtStart(), held.changedAtEnd(),
                held.heapBytesPerSocket(), held.holdCpu().cores(), held.refreshesPerSecond(), held.meanRefreshBatchMillis(),
                held.refreshesNeededPerSecond());
        Result result = held.withChanges(changes.run(sockets, held.perRefresh(), apiNode, changesPerSecond, changeSeconds, serversAndApi));
        sockets.closeAll();
        return result;
    }

    /** From the moment the last socket opened: read everyone, wait two TTLs and a bit, read everyone again. */
    private Result hold(String[] userIds, DeviceSockets sockets, PresenceChangeWatch watch, CpuMeter serversAndApi,
                        double heapBefore, double openSeconds) throws Exception {
        long allOpen = System.nanoTime();
        int holdSeconds = 2 * ttlSeconds + 5;
        PresenceBatchRead reader = new PresenceBatchRead(api, tokens, "dr" + run);
        List<String> open = sockets.usersIn(DeviceSockets.STATE_OPEN);
        CpuMeter.Window window = serversAndApi.start();
        ApiNodeProbe.RefreshReading refreshesAtStart = apiNode.refreshes();
        Map<String, PresenceReadings.Reading> atStart = reader.readAll(open);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, allOpen + TimeUnit.SECONDS.toNanos(holdSeconds) - System.nanoTime()));
        Map<String, PresenceReadings.Reading> atEnd = reader.readAll(open);
        watch.stop();
        long held = sockets.usersIn(DeviceSockets.STATE_OPEN).size();
        CpuCost holdCpu = window.stop(held);
        ApiNodeProbe.RefreshReading refreshesAtEnd = apiNode.refreshes();
        double heapAfter = apiNode.heapAfterGc();

        long notOnlineAtStart = atStart.values().stream().filter(reading -> !reading.online()).count();
        long changedAtEnd = atStart.entrySet().stream().filter(start -> {
            PresenceReadings.Reading end = atEnd.get(start.getKey());
            return end == null || !end.online() || end.version() != start.getValue().version();
        }).count();
        return new Result(userIds.length, held, sockets.usersIn(DeviceSockets.STATE_FAILED).size(),
                sockets.usersIn(DeviceSockets.STATE_CLOSED).size(), watch.expired(), watch.laterChanges(), atStart.size(), notOnlineAtStart,
                changedAtEnd, held == 0 ? Double.NaN : (heapAfter - heapBefore) / held, openSeconds, holdSeconds, holdCpu,
                refreshesAtEnd.sessionsPerSecondSince(refreshesAtStart, holdCpu.windowSeconds()), held / Math.max(0.5, ttlSeconds * HeldSessions.TTL_FACTOR / 3.0),
                refreshesAtEnd.meanBatchMillisSince(refreshesAtStart), null);
    }
}
