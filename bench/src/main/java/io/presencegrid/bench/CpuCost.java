package io.presencegrid.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU seconds each process used over one measured window and the operations done in it; per
 * operation in microseconds, per process and in total. On a machine whose cores every process shares,
 * this is what an operation costs, whatever the other processes on it do to the rate. The JIT
 * compilers' part of it is kept apart: a JVM still compiling charges its compiles to the operations.
 */
record CpuCost(Map<String, Double> secondsByProcess, Map<String, Double> compilerSecondsByProcess, long operations,
               double windowSeconds, long contextSwitches) {

    /** {@link #contextSwitches} when they were not counted, e.g. for a cost derived from other costs. */
    static final long NOT_COUNTED = -1;

    CpuCost {
        secondsByProcess = new LinkedHashMap<>(secondsByProcess);
        compilerSecondsByProcess = new LinkedHashMap<>(compilerSecondsByProcess);
    }

    CpuCost(Map<String, Double> secondsByProcess, Map<String, Double> compilerSecondsByProcess, long operations,
            double windowSeconds) {
        this(secondsByProcess, compilerSecondsByProcess, operations, windowSeconds, NOT_COUNTED);
    }

    CpuCost(Map<String, Double> secondsByProcess, long operations, double windowSeconds) {
        this(secondsByProcess, Map.of(), operations, windowSeconds);
    }

    /** Context switches per operation, all processes together; NaN when not counted. */
    double switchesPerOperation() {
        return contextSwitches == NOT_COUNTED || operations <= 0 ? Double.NaN : contextSwitches / (double) operations;
    }

    double microsPerOperation(String process) {
        return perOperation(secondsByProcess.get(process));
    }

    double totalMicrosPerOperation() {
        return perOperation(totalSeconds());
    }

    double totalSeconds() {
        return secondsByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The JIT compiler threads' share of the window's CPU, all processes together. */
    double compilerShare() {
        double total = totalSeconds();
        return total > 0 ? compilerSecondsByProcess.values().stream().mapToDouble(Double::doubleValue).sum() / total : 0;
    }

    /** Cores kept busy on average over the window, by all the processes together. */
    double cores() {
        return windowSeconds > 0 ? totalSeconds() / windowSeconds : Double.NaN;
    }

    /**
     * As the table shows it: {@code node-0 310 + node-1 290 + node-2 300 + API 420 = 1320 µs (JIT 4%),
     * 24.6 context switches}; without the JIT part when the compilers were idle, and without the switches
     * when they were not counted.
     */
    String summary() {
        StringBuilder text = new StringBuilder();
        secondsByProcess.keySet().forEach(process -> text.append(text.isEmpty() ? "" : " + ")
                .append(process).append(' ').append(Math.round(microsPerOperation(process))));
        text.append(String.format(Locale.ROOT, " = %d \u00b5s", Math.round(totalMicrosPerOperation())));
        long compilerPercent = Math.round(100 * compilerShare());
        if (compilerPercent > 0) {
            text.append(String.format(Locale.ROOT, " (JIT %d%%)", compilerPercent));
        }
        double switches = switchesPerOperation();
        if (!Double.isNaN(switches)) {
            text.append(String.format(Locale.ROOT, ", %.1f context switches", switches));
        }
        return text.toString();
    }

    /**
     * Cores each process kept busy over the window, as a latency phase shows who held the machine:
     * {@code node-0 0.21 + node-1 0.30 + API 0.28 + client 0.25 = 1.04 of 2}.
     */
    String coresSummary() {
        StringBuilder text = new StringBuilder();
        secondsByProcess.forEach((process, seconds) -> text.append(text.isEmpty() ? "" : " + ")
                .append(process).append(' ').append(String.format(Locale.ROOT, "%.2f", seconds / windowSeconds)));
        return text.append(String.format(Locale.ROOT, " = %.2f of %d", cores(), Runtime.getRuntime().availableProcessors())).toString();
    }

    private double perOperation(double seconds) {
        return operations > 0 ? seconds * 1e6 / operations : Double.NaN;
    }
}
