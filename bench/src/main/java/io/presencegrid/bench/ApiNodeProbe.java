package io.presencegrid.bench;

import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.metrics.PrometheusScrape;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * What the bench reads off API node 0 itself: its heap after a full GC forced with {@code jcmd GC.run}
 * on its pid (from its own {@code jvm_memory_used_bytes{area="heap"}}), the sockets it reports open,
 * and its batched device-socket refreshes.
 */
final class ApiNodeProbe {

    /**
     * The API's batched device-socket refreshes: sessions refreshed, batches sent (one grid call each) and
     * the seconds the batches took.
     */
    record RefreshReading(double sessions, double batches, double seconds) {

        double sessionsPerSecondSince(RefreshReading earlier, double elapsedSeconds) {
            return (sessions - earlier.sessions) / elapsedSeconds;
        }

        double meanBatchMillisSince(RefreshReading earlier) {
            double sent = batches - earlier.batches;
            return sent > 0 ? (seconds - earlier.seconds) * 1000 / sent : Double.NaN;
        }
    }

    private final ApiClient api;
    private final PresenceTokens tokens;
    private final long apiPid;

    ApiNodeProbe(ApiClient api, PresenceTokens tokens, long apiPid) {
        this.api = api;
        this.tokens = tokens;
        this.apiPid = apiPid;
    }

    double heapAfterGc() throws Exception {
        Process gc = new ProcessBuilder("jcmd", Long.toString(apiPid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + apiPid + " GC.run failed: is that the API's pid?");
        }
        return scrape().sum("jvm_memory_used_bytes{area=\"heap\"");
    }

    RefreshReading refreshes() throws Exception {
        PrometheusScrape scrape = scrape();
        return new RefreshReading(firstOf(scrape, "presence_device_refreshed_sessions_total"),
                firstOf(scrape, "presence_device_refresh_batches_seconds_count"),
                firstOf(scrape, "presence_device_refresh_batches_seconds_sum"));
    }

    double openSockets() throws Exception {
        return firstOf(scrape(), "presence_sockets_open");
    }

    /**
     * Waits until the API counts at most {@code sockets} open, or {@code seconds} passed; returns the
     * last count, or NaN when no scrape was answered in time. Sockets a phase closed are gone from the
     * client at once, but the API lets go of them (and of their file descriptors) only when it has handled
     * each close, and with many thousands closing at once a scrape may time out meanwhile: that is a
     * count not known yet, asked again, not a failed run.
     */
    double awaitOpenSocketsAtMost(double sockets, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        double open = openSocketsIfAnswered();
        // Written as "not at most" so that NaN, no answer yet, keeps the wait going as too many would.
        while (!(open <= sockets) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            open = openSocketsIfAnswered();
        }
        return open;
    }

    /** A count from {@link #awaitOpenSocketsAtMost}, in words when there was none. */
    static String describe(double openSockets) {
        return Double.isNaN(openSockets) ? "an unknown number of sockets (no scrape answered)"
                : String.format("%.0f sockets", openSockets);
    }

    private double openSocketsIfAnswered() throws Exception {
        try {
            return openSockets();
        } catch (UncheckedIOException unanswered) {
            if (unanswered.getCause() instanceof HttpTimeoutException) {
                return Double.NaN;
            }
            throw unanswered;
        }
    }

    /** The API's own metrics, read as an operator: the actuator wants the admin scope. A token per scrape, as a run may outlast one. */
    private PrometheusScrape scrape() {
        return new PrometheusScrape(api.get("/actuator/prometheus", tokens.admin("bench-operator")).expect(200).body());
    }

    /** NaN when the API does not report the metric. */
    private static double firstOf(PrometheusScrape scrape, String metric) {
        return scrape.firstOf(metric).orElse(Double.NaN);
    }
}
