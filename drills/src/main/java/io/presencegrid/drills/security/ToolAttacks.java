package io.presencegrid.drills.security;

import io.presencegrid.drills.ScriptRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ignite's control utility against the grid: without an account, and as the analyst trying to
 * deactivate the cluster. The positive control is scripts/control.sh, as the operator runs it.
 */
final class ToolAttacks {

    private final Attempts attempts;
    private final int thinPort;

    ToolAttacks(Attempts attempts, int thinPort) {
        this.attempts = attempts;
        this.thinPort = thinPort;
    }

    void run() {
        attempts.control("control_script_as_operator", () -> {
            ScriptRun state = ScriptRun.of(List.of("scripts/control.sh", "--state"), Duration.ofMinutes(2));
            return state.ok() && state.output().contains("Cluster state: ACTIVE") ? null : "exit " + state.status() + ": " + tail(state);
        });
        attempts.attack("control_without_account", () -> {
            ScriptRun state = utility("org.apache.ignite.internal.commandline.CommandHandler", "--state");
            return state.output().contains("Cluster state:") ? "exit " + state.status() + ", it read the state" : null;
        });
        attempts.attack("control_as_analyst_deactivates", () -> {
            ScriptRun deactivate = ScriptRun.of(List.of("env", "PRESENCE_GRID_USER=analyst", "scripts/control.sh",
                    "--set-state", "INACTIVE", "--yes"), Duration.ofMinutes(2));
            return deactivate.ok() ? "exit 0: " + tail(deactivate) : null;
        });
        attempts.control("cluster_still_active", () -> {
            ScriptRun state = ScriptRun.of(List.of("scripts/control.sh", "--state"), Duration.ofMinutes(2));
            return state.output().contains("Cluster state: ACTIVE") ? null : tail(state);
        });
    }

    /** The utility itself, with the grid's TLS but no account; stdin closed, so it cannot ask for one. */
    private ScriptRun utility(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@ops-tools/target/ignite-jvm.options", "-cp", "ops-tools/target/ops-tools.jar:ops-tools/target/lib/*", mainClass,
                "--host", "127.0.0.1", "--port", String.valueOf(thinPort),
                "--ssl-factory", "scripts/lib/grid-tls-factory.xml"));
        command.addAll(List.of(arguments));
        return ScriptRun.of(command, Duration.ofMinutes(2));
    }

    private static String tail(ScriptRun run) {
        String output = run.output().strip();
        return output.length() <= 300 ? output : output.substring(output.length() - 300);
    }
}
