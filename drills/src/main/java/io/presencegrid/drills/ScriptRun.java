package io.presencegrid.drills;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one of the project's scripts printed (stdout and stderr together) and how it ended. The drills
 * drive clusters through the operators' own scripts; a script that hangs is killed after its time, and
 * one that cannot start is a failed run, not an exception, so the drill can report it in its figures.
 */
public record ScriptRun(int status, String output) {

    public boolean ok() {
        return status == 0;
    }

    /** Runs {@code command} from the working directory with this JVM's environment. */
    public static ScriptRun of(List<String> command, Duration timeout) {
        try {
            // Output to a file, not a pipe: a script that prints more than a pipe holds never blocks.
            Path log = Files.createTempFile("drill-script", ".log");
            try {
                // Stdin from /dev/null: a tool that would ask a question gets an end of input, not a wait.
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new ScriptRun(124, String.join(" ", command) + ": timed out after " + timeout.toSeconds() + " s");
                }
                return new ScriptRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new ScriptRun(127, String.join(" ", command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScriptRun(130, String.join(" ", command) + ": interrupted");
        }
    }
}
