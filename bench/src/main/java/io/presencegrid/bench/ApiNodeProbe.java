package io.presencegrid.bench;

import java.util.concurrent.TimeUnit;

/**
 * What the bench reads off API node 0 itself: its heap after a full GC forced with {@code jcmd GC.run}
 * on its pid (from its own {@code jvm_memory_used_bytes{area="heap"}}), the sockets it reports open,
 * and its status-update timer.
 */
final class ApiNodeProbe {

    /**
     * The API's {@code presence.updates} timer: every status write it has made (HTTP updates, socket
     * status frames and device-socket refreshes alike) and the seconds they took, grid round trip included.
     */
    record UpdateTimer(double count, double seconds) {

        double perSecondSince(UpdateTimer earlier, double elapsedSeconds) {
            return (count - earlier.count) / elapsedSeconds;
        }

        double meanMillisSince(UpdateTimer earlier) {
            double updates = count - earlier.count;
            return updates > 0 ? (seconds - earlier.seconds) * 1000 / updates : Double.NaN;
        }
    }

    private final ApiClient api;
    private final long apiPid;

    ApiNodeProbe(ApiClient api, long apiPid) {
        this.api = api;
        this.apiPid = apiPid;
    }

    double heapAfterGc() throws Exception {
        Process gc = new ProcessBuilder("jcmd", Long.toString(apiPid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + apiPid + " GC.run failed: is that the API's pid?");
        }
        return Prometheus.sum(api.get("/actuator/prometheus"), "jvm_memory_used_bytes{area=\"heap\"");
    }

    UpdateTimer updates() throws Exception {
        String scrape = api.get("/actuator/prometheus");
        return new UpdateTimer(Prometheus.value(scrape, "presence_updates_seconds_count"),
                Prometheus.value(scrape, "presence_updates_seconds_sum"));
    }

    double openSockets() throws Exception {
        return Prometheus.value(api.get("/actuator/prometheus"), "presence_sockets_open");
    }

    /**
     * Waits until the API counts at most {@code sockets} open, or {@code seconds} passed; returns the
     * last count. Sockets a phase closed are gone from the client at once, but the API lets go of them
     * (and of their file descriptors) only when it has handled each close.
     */
    double awaitOpenSocketsAtMost(double sockets, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        double open = openSockets();
        while (open > sockets && System.nanoTime() < deadline) {
            Thread.sleep(500);
            open = openSockets();
        }
        return open;
    }
}
