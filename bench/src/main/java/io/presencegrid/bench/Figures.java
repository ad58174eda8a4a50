package io.presencegrid.bench;

import java.util.Locale;

/**
 * The run's last line on stdout, the one a script compares across runs. {@code ignitePutPerSecond} is
 * the fair ceiling (the mean of its two runs), {@code ratio} the updates' rate over it; the CPU figures
 * are microseconds per operation: grid nodes plus API per update, grid nodes plus the bench's client
 * node per fair put.
 */
record Figures(double updatesPerSecond, double updateP99Ms, double notifyP99Ms, double ignitePutPerSecond, double updateCpuMicros,
               double putCpuMicros, double heartbeatsPerSecond, long deviceSockets, double bytesPerUser) {

    double ratio() {
        return updatesPerSecond / ignitePutPerSecond;
    }

    String line() {
        return String.format(Locale.ROOT, "updates_per_s=%.0f update_p99_ms=%.1f notify_p99_ms=%.1f ignite_put_per_s=%.0f ratio=%.2f"
                        + " update_cpu_us=%.0f put_cpu_us=%.0f heartbeat_per_s=%.0f device_sockets=%d bytes_per_user=%.0f",
                updatesPerSecond, updateP99Ms, notifyP99Ms, ignitePutPerSecond, ratio(), updateCpuMicros, putCpuMicros,
                heartbeatsPerSecond, deviceSockets, bytesPerUser);
    }
}
