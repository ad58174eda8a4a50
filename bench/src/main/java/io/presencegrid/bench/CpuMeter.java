package io.presencegrid.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used by a fixed set of named processes (the three grid nodes, and the API or this client) over
 * one measured window: {@link #start()} when the window opens, {@link Window#stop(long)} when it
 * closes, with the operations done inside it. Warm-up stays outside the window.
 */
final class CpuMeter {

    private final Map<String, Long> pidsByName;
    private final long clockTicksPerSecond;

    /** @param pidsByName in the order the table lists them */
    CpuMeter(Map<String, Long> pidsByName, long clockTicksPerSecond) {
        if (pidsByName.isEmpty()) {
            throw new IllegalArgumentException("no process to measure");
        }
        this.pidsByName = new LinkedHashMap<>(pidsByName);
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** The same processes plus one more, e.g. the grid nodes plus the API. */
    CpuMeter with(String name, long pid) {
        Map<String, Long> more = new LinkedHashMap<>(pidsByName);
        more.put(name, pid);
        return new CpuMeter(more, clockTicksPerSecond);
    }

    Window start() {
        return new Window(readAll(), readCompilers(), readSwitches(), System.nanoTime());
    }

    private long readSwitches() {
        return pidsByName.values().stream().mapToLong(ProcessCpu::contextSwitches).sum();
    }

    private Map<String, Double> readAll() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pidsByName.forEach((name, pid) -> seconds.put(name, ProcessCpu.seconds(pid, clockTicksPerSecond)));
        return seconds;
    }

    private Map<String, Double> readCompilers() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pidsByName.forEach((name, pid) -> seconds.put(name, ProcessCpu.compilerSeconds(pid, clockTicksPerSecond)));
        return seconds;
    }

    /** One open measuring window. */
    final class Window {

        private final Map<String, Double> startSeconds;
        private final Map<String, Double> startCompilerSeconds;
        private final long startSwitches;
        private final long startNanos;

        private Window(Map<String, Double> startSeconds, Map<String, Double> startCompilerSeconds, long startSwitches,
                       long startNanos) {
            this.startSeconds = startSeconds;
            this.startCompilerSeconds = startCompilerSeconds;
            this.startSwitches = startSwitches;
            this.startNanos = startNanos;
        }

        /** Closes the window: the CPU each process used in it, to be shared by {@code operations}. */
        CpuCost stop(long operations) {
            double windowSeconds = (System.nanoTime() - startNanos) / 1e9;
            // Threads that exited in the window took their switches with them: never below zero.
            long switches = Math.max(0, readSwitches() - startSwitches);
            return new CpuCost(since(startSeconds, readAll()), since(startCompilerSeconds, readCompilers()), operations,
                    windowSeconds, switches);
        }

        private Map<String, Double> since(Map<String, Double> start, Map<String, Double> now) {
            Map<String, Double> used = new LinkedHashMap<>();
            now.forEach((name, seconds) -> used.put(name, Math.max(0, seconds - start.get(name))));
            return used;
        }
    }
}
