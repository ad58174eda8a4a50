package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import org.junit.jupiter.api.Test;

class CpuCostTest {

    @Test
    void sharesEachProcesssSecondsAmongTheOperationsInMicroseconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("node-0", 3.0);
        seconds.put("node-1", 2.5);
        seconds.put("API", 4.5);

        CpuCost cost = new CpuCost(seconds, 10_000, 10.0);

        assertThat(cost.microsPerOperation("node-0")).isCloseTo(300, within(1e-9));
        assertThat(cost.totalMicrosPerOperation()).isCloseTo(1000, within(1e-9));
        assertThat(cost.cores()).isCloseTo(1.0, within(1e-9));
        assertThat(cost.summary()).isEqualTo("node-0 300 + node-1 250 + API 450 = 1000 \u00b5s");
    }

    @Test
    void theJitCompilersShareIsShownWhenTheyWorked() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("node-0", 6.0);
        seconds.put("API", 4.0);

        CpuCost cost = new CpuCost(seconds, Map.of("node-0", 2.5, "API", 1.5), 1_000, 10.0);

        assertThat(cost.compilerShare()).isCloseTo(0.4, within(1e-9));
        assertThat(cost.summary()).isEqualTo("node-0 6000 + API 4000 = 10000 \u00b5s (JIT 40%)");
    }

    @Test
    void contextSwitchesAreShownPerOperationWhenCounted() {
        CpuCost counted = new CpuCost(Map.of("API", 1.0), Map.of(), 1_000, 1.0, 24_600);
        CpuCost notCounted = new CpuCost(Map.of("API", 1.0), 1_000, 1.0);

        assertThat(counted.switchesPerOperation()).isCloseTo(24.6, within(1e-9));
        assertThat(counted.summary()).isEqualTo("API 1000 = 1000 \u00b5s, 24.6 context switches");
        assertThat(notCounted.switchesPerOperation()).isNaN();
        assertThat(notCounted.summary()).isEqualTo("API 1000 = 1000 \u00b5s");
    }

    @Test
    void aWindowCountsTheHandOffsBetweenThreads() throws InterruptedException {
        CpuMeter meter = new CpuMeter(Map.of("self", ProcessHandle.current().pid()), ProcessCpu.clockTicksPerSecond());
        SynchronousQueue<Integer> handOff = new SynchronousQueue<>();
        Thread taker = new Thread(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    handOff.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();

        CpuMeter.Window window = meter.start();
        for (int i = 0; i < 200; i++) {
            handOff.put(i);
            Thread.sleep(1);
        }
        CpuCost cost = window.stop(200);
        taker.join();

        assertThat(cost.contextSwitches()).as("each hand-off parks and wakes a thread").isGreaterThanOrEqualTo(200);
    }

    @Test
    void noOperationsMeansNoFigureRatherThanInfinity() {
        CpuCost cost = new CpuCost(Map.of("API", 1.0), 0, 1.0);

        assertThat(cost.totalMicrosPerOperation()).isNaN();
    }

    @Test
    void aWindowOverThisJvmSeesItsOwnWork() {
        CpuMeter meter = new CpuMeter(Map.of("self", ProcessHandle.current().pid()), ProcessCpu.clockTicksPerSecond());

        CpuMeter.Window window = meter.start();
        long deadline = System.nanoTime() + 200_000_000L;
        double sink = 0;
        while (System.nanoTime() < deadline) {
            sink += Math.sqrt(sink + 1);
        }
        CpuCost cost = window.stop(1);

        assertThat(sink).isPositive();
        assertThat(cost.windowSeconds()).isGreaterThanOrEqualTo(0.2);
        assertThat(cost.secondsByProcess().get("self")).isGreaterThan(0.05);
    }
}
