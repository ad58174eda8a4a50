package io.presencegrid.ops.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM, sampled through the attach API with the agent from async-profiler's jar. */
class CpuProfileTest {

    @TempDir
    Path out;

    private Process target;

    @AfterEach
    void stopTarget() throws InterruptedException {
        if (target != null) {
            target.destroyForcibly().waitFor();
        }
    }

    @Test
    void aBusyThreadOfAnotherJvmShowsUpUnderItsNameWithWhatItRan() throws Exception {
        target = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Spinner.class.getName())
                .redirectErrorStream(true).redirectOutput(out.resolve("target.out").toFile()).start();
        waitUntilSpinning();

        CpuProfile.Profile profile = CpuProfile.sample(String.valueOf(target.pid()), Duration.ofSeconds(2), out.resolve("spinner"));

        List<String> stacks;
        try (Stream<String> lines = Files.lines(profile.stacks())) {
            stacks = lines.toList();
        }
        assertThat(stacks).anyMatch(stack -> stack.startsWith("[" + Spinner.THREAD_NAME) && stack.contains("Spinner.spin"));
        ThreadShares shares = ThreadShares.of(stacks.stream());
        assertThat(shares.shares().get(0).kind()).as("the busiest kind of thread").isEqualTo(Spinner.THREAD_NAME);
        assertThat(shares.shares().get(0).samples()).as("about a sample a millisecond of its 2 s").isGreaterThan(500);
        // The flame graph keeps its frame names with shared prefixes cut off; a thread's name stays whole.
        assertThat(Files.readString(profile.flameGraph())).startsWith("<!DOCTYPE html>").contains(Spinner.THREAD_NAME);
    }

    @Test
    void aPathWithACommaIsRefusedBeforeAnythingIsWritten() throws Exception {
        assertThatThrownBy(() -> CpuProfile.sample("1", Duration.ofSeconds(1), out.resolve("a,b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comma");
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written.toList()).as("what the refused profile wrote").isEmpty();
        }
    }

    private void waitUntilSpinning() throws Exception {
        Path log = out.resolve("target.out");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(Spinner.READY))) {
            assertThat(target.isAlive()).as("the target JVM runs").isTrue();
            assertThat(System.nanoTime()).as("the target said it spins").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The sampled JVM: one thread that does nothing but compute. */
    public static final class Spinner {
        static final String THREAD_NAME = "busy-spinner";
        static final String READY = "spinning";
        static volatile long sink;

        public static void main(String[] args) throws InterruptedException {
            Thread busy = new Thread(Spinner::spin, THREAD_NAME);
            busy.start();
            System.out.println(READY);
            busy.join();
        }

        static void spin() {
            long x = 1;
            while (true) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                sink = x;
            }
        }
    }
}
