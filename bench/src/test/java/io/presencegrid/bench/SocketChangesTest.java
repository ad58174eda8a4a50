package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketChangesTest {

    @Test
    void aChangeIsChargedWhatItsWindowCostBeyondTheRefreshesBesideIt() {
        CpuCost refreshing = new CpuCost(Map.of("API", 1.0), Map.of(), 10_000, 10.0, 50_000);
        CpuCost changing = new CpuCost(Map.of("API", 3.0), Map.of(), 1_000, 10.0, 20_000);

        CpuCost change = new SocketChanges.Result(refreshing, changing, 2_000, null, 100).changeCost();

        assertThat(change.totalMicrosPerOperation()).as("3 s less 2,000 refreshes at 100 µs, per change").isCloseTo(2_800, within(1e-6));
        assertThat(change.switchesPerOperation()).as("20,000 less 2,000 refreshes at 5, per change").isCloseTo(10, within(1e-9));
    }

    @Test
    void switchesStayUncountedWhenEitherWindowDidNotCountThem() {
        CpuCost refreshing = new CpuCost(Map.of("API", 1.0), 10_000, 10.0);
        CpuCost changing = new CpuCost(Map.of("API", 3.0), Map.of(), 1_000, 10.0, 20_000);

        CpuCost change = new SocketChanges.Result(refreshing, changing, 2_000, null, 100).changeCost();

        assertThat(change.switchesPerOperation()).isNaN();
    }
}
