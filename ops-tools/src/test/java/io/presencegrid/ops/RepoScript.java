package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repo's scripts as a user would, from the repo root, with extra environment and
 * optional standard input, and prints its output for the build log.
 */
final class RepoScript {

    /** Failsafe runs in the ops-tools module directory, an IDE may run in the root. */
    static final Path REPO_ROOT = Files.exists(Path.of("scripts/sqlline.sh"))
            ? Path.of("").toAbsolutePath()
            : Path.of("").toAbsolutePath().getParent();

    /** The outcome of one script: its exit code and its stdout and stderr, interleaved. */
    record Result(int exitCode, String output) {
    }

    private RepoScript() {
    }

    static Result run(Duration timeout, Map<String, String> environment, String stdin, List<String> command) {
        String commandLine = String.join(" ", command);
        try {
            Path input = Files.writeString(Files.createTempFile("presence-script-", ".in"), stdin == null ? "" : stdin);
            Path output = Files.createTempFile("presence-script-", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(REPO_ROOT.toFile())
                        .redirectErrorStream(true).redirectInput(input.toFile()).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                long started = System.nanoTime();
                Process process = builder.start();
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                System.out.printf("$ %s%s  (%s after %d s)%n%s%n", commandLine, stdin == null ? "" : " <<< " + stdin.strip(),
                        finished ? "exit " + process.exitValue() : "TIMED OUT", seconds, text);
                assertThat(finished).as(commandLine + " finished within " + timeout).isTrue();
                return new Result(process.exitValue(), text);
            } finally {
                Files.deleteIfExists(input);
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(commandLine, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(commandLine + " interrupted", e);
        }
    }
}
