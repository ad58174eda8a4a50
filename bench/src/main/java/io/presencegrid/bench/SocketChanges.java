package io.presencegrid.bench;

import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Changes the way a client on a device socket makes them: a {@code status} frame on the socket, no HTTP
 * and no token per message. Sent over sockets already held open (their sessions refreshed by the API,
 * batched), open loop at a fixed rate, each frame flipping its user between {@code away} and
 * {@code online}; each change is timed from when it was due to its event at an observer socket. The CPU
 * of the grid nodes and the API over the window, less what the refreshes going on beside the changes
 * cost at the rate measured while the sockets were only held, is the changes' own.
 */
final class SocketChanges {

    /** The HTTP phase's mix: nine heartbeats to one change. */
    static final double HEARTBEAT_SHARE = 0.9;

    /**
     * @param refreshing CPU while the sockets were only held, its operations the refreshes made then
     * @param changing CPU of the window of changes, its operations the change frames sent
     * @param refreshesWhileChanging refreshes the API made in the window of changes
     * @param changes what the open loop of change frames saw, each timed to its event
     */
    record Result(CpuCost refreshing, CpuCost changing, double refreshesWhileChanging, OpenLoop.Outcome changes,
                  double changesPerSecond) {

        /** The CPU of the change frames in each process, beyond the refreshes going on beside them. */
        CpuCost changeCost() {
            Map<String, Double> seconds = new LinkedHashMap<>();
            changing.secondsByProcess().forEach((process, used) -> seconds.put(process,
                    used - refreshesWhileChanging * refreshing.microsPerOperation(process) / 1e6));
            double refreshSwitches = refreshing.switchesPerOperation();
            long switches = Double.isNaN(refreshSwitches) || changing.contextSwitches() == CpuCost.NOT_COUNTED
                    ? CpuCost.NOT_COUNTED
                    : Math.max(0, Math.round(changing.contextSwitches() - refreshesWhileChanging * refreshSwitches));
            return new CpuCost(seconds, Map.of(), changing.operations(), changing.windowSeconds(), switches);
        }

        double changeMicros() {
            return changeCost().totalMicrosPerOperation();
        }

        /** A socket client's update at nine refreshes to one change: what compares with {@code update_cpu_us}. */
        double mixMicros() {
            return HEARTBEAT_SHARE * refreshing.totalMicrosPerOperation() + (1 - HEARTBEAT_SHARE) * changeMicros();
        }
    }

    private final String[] userIds;
    private final Map<String, CompletableFuture<Integer>> awaitingEvent = new ConcurrentHashMap<>();

    SocketChanges(String[] userIds) {
        this.userIds = userIds.clone();
    }

    /** An observer's frame: the event a change awaits, if it is one. Called on the client's I/O thread. */
    void onEvent(String frame) {
        String user = Frames.presenceUser(frame);
        if (user != null) {
            CompletableFuture<Integer> event = awaitingEvent.get(user);
            if (event != null) {
                event.complete(200);
            }
        }
    }

    /** @param refreshing the CPU of holding the same sockets, per refresh */
    Result run(DeviceSockets sockets, CpuCost refreshing, ApiNodeProbe apiNode, double perSecond, int seconds,
               CpuMeter serversAndApi) throws Exception {
        int[] open = openUsers(sockets);
        CpuMeter.Window window = serversAndApi.start();
        ApiNodeProbe.RefreshReading before = apiNode.refreshes();
        OpenLoop.Outcome changes = OpenLoop.run(perSecond, seconds, open.length, n -> change(sockets, open, n));
        ApiNodeProbe.RefreshReading after = apiNode.refreshes();
        CpuCost changing = window.stop(changes.sent());
        Result result = new Result(refreshing, changing, after.sessions() - before.sessions(), changes, perSecond);
        Latencies toEvent = Latencies.of(changes.latencies());
        System.out.printf("  socket changes: a socket kept alive a third of the TTL %.0f µs, a change %.0f µs (%d sent, %d failed, %d queued behind a busy socket, to its event"
                        + " p50 %.1f / p99 %.1f ms); nine refreshes to one change %.0f µs%n", refreshing.totalMicrosPerOperation(),
                result.changeMicros(), changes.sent(), changes.failed(), changes.queued(), toEvent.p50(), toEvent.p99(),
                result.mixMicros());
        return result;
    }

    private int[] openUsers(DeviceSockets sockets) {
        int[] open = new int[userIds.length];
        int count = 0;
        for (int u = 0; u < userIds.length; u++) {
            if (sockets.isOpen(u)) {
                open[count++] = u;
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no device socket is open to send changes on");
        }
        return Arrays.copyOf(open, count);
    }

    /** Change number n: the users in turn, each away on its odd turns and online again on its even ones. */
    private CompletableFuture<Integer> change(DeviceSockets sockets, int[] open, long n) {
        int user = open[(int) (n % open.length)];
        String status = (n / open.length) % 2 == 0 ? "away" : "online";
        CompletableFuture<Integer> event = new CompletableFuture<>();
        awaitingEvent.put(userIds[user], event);
        WebSocket socket = sockets.device(user);
        socket.sendText("{\"type\":\"status\",\"status\":\"" + status + "\"}", true).whenComplete((sent, error) -> {
            if (error != null) {
                event.completeExceptionally(error);
            }
        });
        return event.orTimeout(10, TimeUnit.SECONDS).whenComplete((answer, error) -> awaitingEvent.remove(userIds[user], event));
    }
}
