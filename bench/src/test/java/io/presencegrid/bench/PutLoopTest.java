package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PutLoopTest {

    private static final CpuMeter THIS_JVM = new CpuMeter(Map.of("client", ProcessHandle.current().pid()),
            ProcessCpu.clockTicksPerSecond());

    @Test
    void putsThroughTheSettlingSlicesBeforeTheMeasuredWindow() {
        AtomicLong puts = new AtomicLong();

        PutLoop.Warmed warmed = PutLoop.warmThenMeasure(2, Duration.ZERO, new CompilerSettling(0.2, 0.2, 1.0),
                Duration.ofMillis(200), THIS_JVM, (thread, n) -> puts.incrementAndGet());

        assertThat(warmed.settling().shares()).hasSize(1);
        assertThat(warmed.settling().settled()).isTrue();
        assertThat(warmed.measured().puts().puts()).isPositive();
        assertThat(puts.get()).as("puts of the slice and of the window").isGreaterThan(warmed.measured().puts().puts());
    }

    @Test
    void withoutSettlingOnlyTheWindowPuts() {
        AtomicLong puts = new AtomicLong();

        PutLoop.Warmed warmed = PutLoop.warmThenMeasure(2, Duration.ZERO, CompilerSettling.NONE, Duration.ofMillis(200), THIS_JVM,
                (thread, n) -> puts.incrementAndGet());

        assertThat(warmed.settling().shares()).isEmpty();
        assertThat(puts.get()).isEqualTo(warmed.measured().puts().puts());
    }
}
