package io.presencegrid.drills.partition;

import io.presencegrid.drills.ScriptRun;
import io.presencegrid.topology.PortPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The grid scripts/drill.sh started in network namespaces, driven through scripts/netns-grid.sh (cut,
 * heal, start a node) and scripts/control.sh, from the repo root under the inherited PRESENCE_HOME.
 * Runs in the drill's JVM, in the root namespace.
 */
final class NamespacedGrid {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);


    private final Path home = Path.of(System.getenv().getOrDefault("PRESENCE_HOME", "var"));

    ScriptRun netns(String... args) {
        return script("scripts/netns-grid.sh", args);
    }

    /** The control utility against node {@code index}'s thin-client port in its namespace. */
    ScriptRun control(int index, String... args) {
        List<String> command = new ArrayList<>(List.of("--host", netns("host", String.valueOf(index)).output().strip(),
                "--port", String.valueOf(PortPlan.LOCAL.clientPort(index))));
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

    private ScriptRun script(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        return ScriptRun.of(command, SCRIPT_TIMEOUT);
    }
}
