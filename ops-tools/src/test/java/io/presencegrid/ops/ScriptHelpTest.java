package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script in scripts/ answers --help with its usage, as the first command on a fresh clone: it
 * neither builds (a Maven on the PATH that only records being called must stay uncalled) nor writes
 * into PRESENCE_HOME (no secret, no TLS material generated for a question).
 */
class ScriptHelpTest {

    @TempDir
    Path presenceHome;

    @TempDir
    Path fakeBin;

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(RepoScript.REPO_ROOT.resolve("scripts"))) {
            List<String> names = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sh"))
                    .sorted().toList();
            assertThat(names).as("scripts found").contains("cluster.sh", "drill.sh", "bench.sh", "netns-grid.sh");
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void helpPrintsTheUsageAndBuildsAndWritesNothing(String script) throws IOException {
        Path mavenCalled = fakeBin.resolve("maven-was-called");
        Path maven = Files.writeString(fakeBin.resolve("mvn"), "#!/usr/bin/env bash\ntouch '" + mavenCalled + "'\nexit 1\n");
        Files.setPosixFilePermissions(maven, PosixFilePermissions.fromString("rwxr-xr-x"));

        RepoScript.Result help = RepoScript.run(Duration.ofMinutes(1), Map.of(
                "PATH", fakeBin + ":" + System.getenv("PATH"),
                "PRESENCE_HOME", presenceHome.toString(),
                "PRESENCE_JWT_SECRET", "",
                "PRESENCE_JWT_SECRET_FILE", ""), null, List.of("scripts/" + script, "--help"));

        assertThat(help.exitCode()).as("exit code of scripts/%s --help", script).isZero();
        assertThat(help.output()).as("the usage first").startsWith("Usage: scripts/" + script);
        assertThat(mavenCalled).as("--help ran Maven").doesNotExist();
        try (Stream<Path> written = Files.list(presenceHome)) {
            assertThat(written.toList()).as("what --help wrote into PRESENCE_HOME").isEmpty();
        }
    }
}
