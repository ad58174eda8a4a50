package io.presencegrid.drills.fuzz;

import io.presencegrid.clienttools.api.ApiClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the API's heap once a second from /actuator/prometheus (an operator's token): used is the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over the pools, the limit the sum of the pools' positive
 * {@code jvm_memory_max_bytes} (G1 gives only the old generation one: -Xmx), and the live share Micrometer's
 * {@code jvm_memory_usage_after_gc} (the long-lived pool's use after the last collection, 0 to 1). Used
 * heap counts garbage not yet collected: in a JVM that also hosts grid nodes (the in-process drill) it
 * reached 97% of the limit with nothing wrong; what a leak grows is what survives collections.
 */
final class HeapWatch implements AutoCloseable {

    private final ApiClient http;
    private final String operatorToken;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heap-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long maxUsed;
    private volatile long limit;
    /** -1 until the API reports it. */
    private volatile double maxLiveShare = -1;
    private volatile int samples;

    HeapWatch(String base, String operatorToken) {
        this.http = new ApiClient(base);
        this.operatorToken = operatorToken;
    }

    HeapWatch start() {
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    private void sample() {
        try {
            String metrics = http.get("/actuator/prometheus", operatorToken).body();
            long used = 0;
            long max = 0;
            for (String line : metrics.split("\n")) {
                if (line.contains("area=\"heap\"")) {
                    double reading = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    long value = (long) reading;
                    if (line.startsWith("jvm_memory_usage_after_gc")) {
                        maxLiveShare = Math.max(maxLiveShare, reading);
                    } else if (line.startsWith("jvm_memory_used_bytes{")) {
                        used += value;
                    } else if (line.startsWith("jvm_memory_max_bytes{") && value > 0) {
                        max += value;
                    }
                }
            }
            maxUsed = Math.max(maxUsed, used);
            limit = max;
            samples++;
        } catch (Exception e) {
            // A missed sample is no finding: the drill's health check at the end says whether the API lives.
        }
    }

    long maxUsedBytes() {
        return maxUsed;
    }

    long limitBytes() {
        return limit;
    }

    /** The largest share of the long-lived heap in use after a collection, or -1 if never reported. */
    double maxLiveShare() {
        return maxLiveShare;
    }

    int samples() {
        return samples;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        sample();
    }
}
