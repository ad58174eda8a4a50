package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.topology.PortPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts' shared build step (ensure_built in scripts/lib/common.sh) in a checkout of its own: the
 * real common.sh over a module tree with a Maven stand-in that makes the artifacts, so each rule is
 * seen to decide when Maven runs, without spending a real build on it.
 */
class ScriptBuildTest {

    private static final List<String> ARTIFACTS = List.of("ops-tools/target/ignite-jvm.options",
            "ops-tools/target/ops-tools.jar", "grid-node/target/grid-node.jar", "api-service/target/api-service.jar",
            "drills/target/drills.jar", "bench/target/bench.jar", "client-tools/target/client-tools.jar",
            "ops-tools/target/lib/a.jar", "grid-node/target/lib/a.jar", "drills/target/lib/a.jar", "bench/target/lib/a.jar",
            "client-tools/target/lib/a.jar");

    @TempDir
    Path checkout;

    private Path mavenCalls;
    private Path source;

    @BeforeEach
    void aCheckoutWithTheRealScriptsAndAMavenThatMakesTheArtifacts() throws IOException {
        Path lib = Files.createDirectories(checkout.resolve("scripts/lib"));
        for (String file : List.of("common.sh", "tls.sh")) {
            Files.copy(RepoScript.REPO_ROOT.resolve("scripts/lib/" + file), lib.resolve(file));
        }
        // common.sh reads the local port plan from grid-config's resources.
        Path portPlan = checkout.resolve("grid-config/src/main/resources/" + PortPlan.LOCAL_PORTS_RESOURCE);
        Files.createDirectories(portPlan.getParent());
        Files.copy(RepoScript.REPO_ROOT.resolve("grid-config/src/main/resources/" + PortPlan.LOCAL_PORTS_RESOURCE), portPlan);
        // Older than any artifact a test ages, so the sources a test touches are the only news.
        Files.setLastModifiedTime(portPlan, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        source = Files.createDirectories(checkout.resolve("grid-node/src/main/java")).resolve("Node.java");
        Files.writeString(source, "class Node {}\n");
        mavenCalls = checkout.resolve("maven-calls");
        StringBuilder maven = new StringBuilder("#!/usr/bin/env bash\necho \"$*\" >>'" + mavenCalls + "'\n")
                .append("sleep \"${FAKE_BUILD_SECONDS:-0}\"\n")
                .append("[[ -z ${FAKE_BUILD_ERROR:-} ]] || { echo \"$FAKE_BUILD_ERROR\" >&2; exit 1; }\n");
        for (String artifact : ARTIFACTS) {
            maven.append("mkdir -p \"$(dirname '").append(artifact).append("')\" && touch '").append(artifact).append("'\n");
        }
        Path bin = Files.createDirectories(checkout.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), maven);
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aFreshCheckoutIsBuiltOnceAndNotAgainWhileNothingChanged() throws IOException {
        RepoScript.Result first = ensureBuilt(Map.of());
        RepoScript.Result second = ensureBuilt(Map.of());

        assertThat(first.exitCode()).isZero();
        assertThat(first.output()).contains("building: ops-tools/target/ignite-jvm.options is missing", "built");
        assertThat(second.exitCode()).isZero();
        assertThat(second.output()).doesNotContain("building");
        assertThat(Files.readAllLines(mavenCalls)).as("Maven runs").hasSize(1)
                .first().asString().contains("clean package", "-DskipTests");
    }

    @Test
    void aSourceNewerThanTheArtifactsRebuildsEverything() throws IOException {
        ensureBuilt(Map.of());
        ageTheArtifacts();

        RepoScript.Result rebuild = ensureBuilt(Map.of());

        assertThat(rebuild.exitCode()).isZero();
        assertThat(rebuild.output()).contains("building: grid-node/src/main/java/Node.java is newer than");
        assertThat(Files.readAllLines(mavenCalls)).hasSize(2);
    }

    @Test
    void aMissingDependencyDirectoryRebuilds() throws IOException {
        ensureBuilt(Map.of());
        Files.delete(checkout.resolve("drills/target/lib/a.jar"));

        RepoScript.Result rebuild = ensureBuilt(Map.of());

        assertThat(rebuild.output()).contains("building: drills/target/lib is missing or empty");
        assertThat(Files.readAllLines(mavenCalls)).hasSize(2);
    }

    @Test
    void nothingIsRebuiltUnderAJvmThatRunsFromTheCheckoutsJars() throws Exception {
        ensureBuilt(Map.of());
        ageTheArtifacts();
        // A process whose command line names a jar of this checkout, as a grid node's does.
        Process jvm = new ProcessBuilder("bash", "-c",
                "exec -a '" + checkout.resolve("grid-node/target/grid-node.jar") + "' sleep 60").start();
        try {
            RepoScript.Result kept = ensureBuilt(Map.of());

            assertThat(kept.exitCode()).isZero();
            assertThat(kept.output()).contains("not building while JVMs run from this checkout (pids " + jvm.pid());
            assertThat(Files.readAllLines(mavenCalls)).hasSize(1);
        } finally {
            jvm.destroy();
            jvm.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aScriptThatAnotherCalledDoesNotLookAgain() throws IOException {
        ensureBuilt(Map.of());
        ageTheArtifacts();

        RepoScript.Result nested = ensureBuilt(Map.of("PRESENCE_BUILD_CHECKED", "1"));

        assertThat(nested.exitCode()).isZero();
        assertThat(nested.output()).isEmpty();
        assertThat(Files.readAllLines(mavenCalls)).hasSize(1);
    }

    @Test
    void aFailedBuildFailsTheScriptAndShowsMavensError() {
        RepoScript.Result failed = ensureBuilt(Map.of("FAKE_BUILD_ERROR", "COMPILATION ERROR in Node.java"));

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output()).contains("COMPILATION ERROR in Node.java", "the build failed (mvn exited with 1)");
    }

    @Test
    void skipBuildNeverRunsMavenAndFailsWhenAnArtifactIsMissing() throws IOException {
        RepoScript.Result missing = ensureBuilt(Map.of("PRESENCE_SKIP_BUILD", "1"));

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("is missing: build first");
        assertThat(mavenCalls).doesNotExist();
    }

    @Test
    void skipBuildAsksOnlyForWhatTheScriptRuns() throws IOException {
        ensureBuilt(Map.of());
        // As inside Maven's own build, where the modules after ops-tools are not packaged yet.
        Files.delete(checkout.resolve("bench/target/bench.jar"));

        RepoScript.Result skipped = ensureBuilt(Map.of("PRESENCE_SKIP_BUILD", "1"));

        assertThat(skipped.exitCode()).isZero();
        assertThat(Files.readAllLines(mavenCalls)).hasSize(1);
    }

    @Test
    void aLongBuildSaysOnATerminalHowLongItHasTakenAndStopsSayingSoWhenDone() {
        RepoScript.Result build = ensureBuilt(Map.of("FAKE_BUILD_SECONDS", "4", "PRESENCE_PROGRESS", "always",
                "PRESENCE_PROGRESS_SECONDS", "1"));

        assertThat(build.exitCode()).isZero();
        List<String> lines = build.output().lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("still waiting for the build (mvn package): ")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(lines.size() - 1)).as("the last line").endsWith("built");
    }

    @Test
    void withoutATerminalABuildIsOneLineWhenItStartsAndOneWhenItEnds() {
        RepoScript.Result build = ensureBuilt(Map.of("FAKE_BUILD_SECONDS", "2", "PRESENCE_PROGRESS_SECONDS", "1"));

        assertThat(build.output()).contains("waiting for the build (mvn package)").doesNotContain("still waiting");
        assertThat(build.output().lines()).hasSize(3);
    }

    private RepoScript.Result ensureBuilt(Map<String, String> extraEnvironment) {
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("PATH", checkout.resolve("bin") + ":" + System.getenv("PATH"));
        environment.put("PRESENCE_HOME", checkout.resolve("var").toString());
        environment.putIfAbsent("PRESENCE_SKIP_BUILD", "");
        environment.putIfAbsent("PRESENCE_PROGRESS", "");
        environment.putIfAbsent("PRESENCE_BUILD_CHECKED", "");
        return RepoScript.run(Duration.ofMinutes(1), environment, null, List.of("bash", "-c",
                "set -euo pipefail; source '" + checkout.resolve("scripts/lib/common.sh") + "'; ensure_built \"$TOOLS_JAR\""));
    }

    private void ageTheArtifacts() throws IOException {
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        for (String artifact : ARTIFACTS) {
            Files.setLastModifiedTime(checkout.resolve(artifact), anHourAgo);
        }
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
    }
}
