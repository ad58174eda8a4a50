package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CeilingRunsTest {

    @Test
    void runsWithinFifteenPercentOfEachOtherAreOneFigure() {
        CeilingRuns runs = new CeilingRuns(run(4_000, 500), run(4_500, 300));

        assertThat(runs.drifted()).isFalse();
        assertThat(runs.warning()).isEmpty();
        assertThat(runs.putsPerSecond()).isCloseTo(4_250, within(1e-9));
        assertThat(runs.cpuMicrosPerPut()).isCloseTo(400, within(1e-9));
    }

    @Test
    void moreThanFifteenPercentApartIsADriftWhicheverRunIsFaster() {
        assertThat(CeilingRuns.drifted(1_000, 1_151)).isTrue();
        assertThat(CeilingRuns.drifted(1_151, 1_000)).isTrue();
        assertThat(CeilingRuns.drifted(1_000, 1_150)).isFalse();
        assertThat(CeilingRuns.drifted(1_150, 1_000)).isFalse();
        assertThat(CeilingRuns.spread(2_000, 1_000)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aRunThatPutNothingIsADrift() {
        assertThat(CeilingRuns.drifted(0, 1_000)).isTrue();
    }

    @Test
    void theWarningNamesBothRunsAndTheMean() {
        CeilingRuns runs = new CeilingRuns(run(2_000, 500), run(3_000, 500));

        assertThat(runs.drifted()).isTrue();
        assertThat(runs.warning()).startsWith("WARNING: the fair ceiling moved by 50%")
                .contains("2000 puts/s before", "3000 after", "the mean, 2500 puts/s");
    }

    private static PutLoop.Measured run(double putsPerSecond, double cpuMicrosPerPut) {
        long puts = Math.round(putsPerSecond * 10);
        PutLoop.Outcome outcome = new PutLoop.Outcome(32, puts, 0, 10.0, 1, 2, 3, 4);
        return new PutLoop.Measured(outcome, new CpuCost(Map.of("node-0", cpuMicrosPerPut * puts / 1e6), puts, 10.0));
    }
}
