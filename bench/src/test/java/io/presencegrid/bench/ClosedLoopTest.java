package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    /** This JVM's own CPU, read from /proc as the bench reads the grid's and the API's. */
    private final CpuMeter thisJvm = new CpuMeter(Map.of("test", ProcessHandle.current().pid()), ProcessCpu.clockTicksPerSecond());

    @Test
    void settlingSendsTheLoadInSlicesAndCountsWhatFailedInThem() throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        // Any share counts as settled, so the first slice is the last; every third request fails.
        CompilerSettling settling = new CompilerSettling(0.2, 1, 1.0);

        ClosedLoop.Settled settled = ClosedLoop.settle(settling, 2, thisJvm,
                n -> CompletableFuture.completedFuture(sent.incrementAndGet() % 3 == 0 ? 503 : 200));

        assertThat(settled.outcome().settled()).isTrue();
        assertThat(settled.outcome().shares()).hasSize(1);
        assertThat(sent.get()).isPositive();
        assertThat(settled.failed()).isEqualTo(sent.get() / 3);
    }

    @Test
    void aMeasuredRunChargesTheMeasuredProcessesAndTheLoadClientApartForTheSameRequests() throws InterruptedException {
        CpuMeter loadClient = new CpuMeter(Map.of("load", ProcessHandle.current().pid()), ProcessCpu.clockTicksPerSecond());

        ClosedLoop.Measured measured = ClosedLoop.measure(2, 0.3, thisJvm, loadClient, n -> {
            long spin = System.nanoTime() + 200_000;
            while (System.nanoTime() < spin) {
                Thread.onSpinWait();
            }
            return CompletableFuture.completedFuture(n % 4 == 0 ? 500 : 200);
        });

        ClosedLoop.Count count = measured.count();
        assertThat(count.answered()).isPositive();
        assertThat(count.failed()).isPositive();
        assertThat(measured.cost().operations()).isEqualTo(count.answered());
        assertThat(measured.loadClientCost().operations()).isEqualTo(count.answered());
        assertThat(measured.cost().secondsByProcess()).containsOnlyKeys("test");
        assertThat(measured.loadClientCost().secondsByProcess()).containsOnlyKeys("load");
        // Both read this JVM over the same window: each request's 200 µs of spinning shows in both.
        assertThat(measured.loadClientCost().totalMicrosPerOperation()).isGreaterThan(100);
        assertThat(measured.cost().totalMicrosPerOperation()).isGreaterThan(100);
    }

    @Test
    void theQuickRunSendsNothingMoreToSettle() throws InterruptedException {
        AtomicLong sent = new AtomicLong();

        ClosedLoop.Settled settled = ClosedLoop.settle(CompilerSettling.NONE, 2, thisJvm,
                n -> {
                    sent.incrementAndGet();
                    return CompletableFuture.completedFuture(200);
                });

        assertThat(sent.get()).isZero();
        assertThat(settled.outcome().shares()).isEmpty();
        assertThat(settled.failed()).isZero();
    }
}
