package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void addsUserAndSystemTicks() {
        String stat = "4783 (java) S 1 4783 4783 0 -1 4194560 271827 0 12 0 1532 287 0 0 20 0 93 0 826391 4528252928 87827";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(1532 + 287);
    }

    @Test
    void countsFieldsFromTheLastParenthesisSoACommandNameWithSpacesAndParenthesesCannotShiftThem() {
        String stat = "99 (a) b (c) d) R 1 99 99 0 -1 0 0 0 0 0 7 5 0 0 20 0 1 0 100 0 0";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(12);
    }

    @Test
    void refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcessCpu.ticks("no parenthesis here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessCpu.ticks("1 (java) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addsVoluntaryAndInvoluntaryContextSwitchesOfAThreadsStatus() {
        String status = "Name:\tsys-stripe-0-#1\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t1200\n"
                + "nonvoluntary_ctxt_switches:\t34\n";

        assertThat(ProcessCpu.contextSwitchesOf(status)).isEqualTo(1234);
        assertThat(ProcessCpu.contextSwitchesOf("Name:\tx\n")).isZero();
    }

    @Test
    void knowsHotSpotsCompilerThreadsByTheirTruncatedNames() {
        assertThat(ProcessCpu.command("4790 (C2 CompilerThre) S 1 4783")).isEqualTo("C2 CompilerThre");
        assertThat(ProcessCpu.isCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompilerThread("sys-stripe-3-#4")).isFalse();
    }

    @Test
    void thisJvmsCompilerThreadsAreFoundAndHaveWorked() {
        assumeThat(Files.exists(Path.of("/proc/self/task"))).as("Linux /proc").isTrue();

        assertThat(ProcessCpu.compilerSeconds(ProcessHandle.current().pid(), ProcessCpu.clockTicksPerSecond())).isPositive();
    }

    @Test
    void readsGetconfsAnswer() {
        assertThat(ProcessCpu.parseClockTicks("100\n")).isEqualTo(100);
        assertThatThrownBy(() -> ProcessCpu.parseClockTicks("0")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void thisJvmHasUsedCpuAndUsesMoreWhenItWorks() {
        assumeThat(Files.exists(Path.of("/proc/self/stat"))).as("Linux /proc").isTrue();
        long self = ProcessHandle.current().pid();
        long ticks = ProcessCpu.clockTicksPerSecond();
        double before = ProcessCpu.seconds(self, ticks);

        long deadline = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < deadline) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
        }

        assertThat(spin).isNotNegative();
        assertThat(before).isPositive();
        assertThat(ProcessCpu.seconds(self, ticks)).isGreaterThanOrEqualTo(before + 0.1);
    }
}
