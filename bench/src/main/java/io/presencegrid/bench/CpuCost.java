package io.presencegrid.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU seconds each process used over one measured window and the operations done in it; per
 * operation in microseconds, per process and in total. On a machine whose cores every process shares,
 * this is what an operation costs, whatever the other processes on it do to the rate.
 */
record CpuCost(Map<String, Double> secondsByProcess, long operations, double windowSeconds) {

    CpuCost {
        secondsByProcess = new LinkedHashMap<>(secondsByProcess);
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

    /** Cores kept busy on average over the window, by all the processes together. */
    double cores() {
        return windowSeconds > 0 ? totalSeconds() / windowSeconds : Double.NaN;
    }

    /** As the table shows it: {@code node-0 310 + node-1 290 + node-2 300 + API 420 = 1320 µs}. */
    String summary() {
        StringBuilder text = new StringBuilder();
        secondsByProcess.keySet().forEach(process -> text.append(text.isEmpty() ? "" : " + ")
                .append(process).append(' ').append(Math.round(microsPerOperation(process))));
        return text.append(String.format(Locale.ROOT, " = %d \u00b5s", Math.round(totalMicrosPerOperation()))).toString();
    }

    private double perOperation(double seconds) {
        return operations > 0 ? seconds * 1e6 / operations : Double.NaN;
    }
}
