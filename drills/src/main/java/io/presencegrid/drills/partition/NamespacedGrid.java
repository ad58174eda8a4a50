package io.presencegrid.drills.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The grid scripts/drill.sh started in network namespaces, driven through scripts/netns-grid.sh (cut,
 * heal, start a node) and scripts/control.sh, from the repo root under the inherited PRESENCE_HOME.
 * Runs in the drill's JVM, in the root namespace.
 */
final class NamespacedGrid {

    private static final long SCRIPT_TIMEOUT_SECONDS = 300;

    /** What a script printed (stdout and stderr together) and how it ended. */
    record Run(int status, String output) {
        boolean ok() {
            return status == 0;
        }
    }

    private final Path home = Path.of(System.getenv().getOrDefault("PRESENCE_HOME", "var"));

    Run netns(String... args) {
        return script("scripts/netns-grid.sh", args);
    }

    /** The control utility against node {@code index}'s thin-client port in its namespace. */
    Run control(int index, String... args) {
        List<String> command = new ArrayList<>(List.of("--host", netns("host", String.valueOf(index)).output().strip(),
                "--port", String.valueOf(10800 + index)));
        command.addAll(List.of(args));
        return script("scripts/control.sh", command.toArray(String[]::new));
    }

    /** The live process of grid node {@code index}, from its pid file. */
    Optional<ProcessHandle> nodeProcess(int index) {
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("run").resolve("node-" + index + ".pid")).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException noPidFile) {
            return Optional.empty();
        }
    }

    /** Node {@code index}'s Ignite log, or nothing when it cannot be read. */
    String nodeLog(int index) {
        try {
            return Files.readString(home.resolve("logs").resolve("node-" + index + ".log"), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "";
        }
    }

    private Run script(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("partition-drill", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Run(124, String.join(" ", command) + ": timed out after " + SCRIPT_TIMEOUT_SECONDS + " s");
                }
                return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Run(127, String.join(" ", command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(130, String.join(" ", command) + ": interrupted");
        }
    }
}
