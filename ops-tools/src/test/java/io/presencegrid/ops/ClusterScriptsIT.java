package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.security.GridAccount;
import io.presencegrid.security.GridTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drives the operators' scripts against a real local grid: {@code scripts/cluster.sh up} starts
 * three server nodes and one API node as JVMs of their own (in {@code ops-tools/target/scripts-home}),
 * the tool scripts talk to them, and {@code scripts/cluster.sh down} must leave no process and no
 * bound port behind. The test itself runs in the Failsafe JVM, from the ops-tools module directory,
 * and runs the scripts from the repo root as an operator would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScriptsIT {

    private static final Path REPO_ROOT = RepoScript.REPO_ROOT;
    private static final Path PRESENCE_HOME = REPO_ROOT.resolve("ops-tools/target/scripts-home");

    /** One port of each kind: if any is taken, a developer's own cluster is probably running. */
    private static final int[] PORTS_OF_A_RUNNING_CLUSTER = {8080, 8091, 10800, 47500};

    /** API 0, then Ignite REST, thin client, discovery and communication of nodes 0..3. */
    private static final int[] CLUSTER_PORTS = {8080, 8091, 8092, 8093, 8094, 10800, 10801, 10802, 10803,
            47500, 47501, 47502, 47503, 47100, 47101, 47102, 47103};

    /** token.sh signs with PRESENCE_JWT_SECRET; the test gives it one it can check the signature with. */
    private static final String TEST_JWT_SECRET = "cluster-scripts-it-secret-0123456789abcdef";

    private static boolean scriptsStarted;
    private static boolean clusterUp;
    /** Why {@code up} failed, repeated in every later test's failure: a CI log may keep only one of them. */
    private static String upFailure = "it did not run";

    @BeforeAll
    static void startFromAnEmptyPresenceHome() throws IOException {
        for (int port : PORTS_OF_A_RUNNING_CLUSTER) {
            assumeTrue(!listening(port), "a local cluster is running (127.0.0.1:" + port
                    + " is in use); stop it with scripts/cluster.sh down to run this test");
        }
        deleteRecursively(PRESENCE_HOME);
    }

    @AfterAll
    static void stopEverythingTheScriptsStarted() {
        if (!scriptsStarted) {
            return;
        }
        try {
            run(Duration.ofMinutes(3), "scripts/cluster.sh", "down");
        } catch (AssertionError | RuntimeException e) {
            System.out.println("cluster.sh down failed: " + e);
        }
        List<ProcessHandle> leftovers = processesOfPresenceHome();
        if (!leftovers.isEmpty()) {
            System.out.println("cluster.sh down left " + leftovers.size() + " processes: destroying them forcibly");
            leftovers.forEach(ProcessHandle::destroyForcibly);
            leftovers.forEach(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        }
    }

    @Test
    @Order(1)
    void upStartsThreeGridNodesAndTheApiWithinFiveMinutes() {
        scriptsStarted = true;

        RepoScript.Result up = run(Duration.ofMinutes(5), "scripts/cluster.sh", "up");
        // up prints the end of a failing node's log itself, just before it gives up.
        upFailure = up.exitCode() == 0 ? "" : lastLines(up.output(), 30);

        assertThat(up.exitCode()).as("exit code of cluster.sh up; it said:%n%s", upFailure).isZero();
        assertThat(up.output()).contains(
                "jdbc:ignite:thin://127.0.0.1:10800,127.0.0.1:10801,127.0.0.1:10802",
                "ws://127.0.0.1:8080/v1/ws");
        clusterUp = true;
    }

    @Test
    @Order(2)
    void controlScriptReportsTheClusterActive() {
        requireClusterUp();

        RepoScript.Result state = run(Duration.ofMinutes(1), "scripts/control.sh", "--state");

        assertThat(state.exitCode()).as("exit code of control.sh --state").isZero();
        assertThat(state.output()).containsPattern("Cluster state: ACTIVE\\b");
    }

    @Test
    @Order(3)
    void sqllineRunsOneStatementPrintsTheResultAndExits() {
        requireClusterUp();

        RepoScript.Result count = run(Duration.ofMinutes(1), "scripts/sqlline.sh", "-e", "SELECT COUNT(*) FROM PRESENCE");

        assertThat(count.exitCode()).as("exit code of sqlline.sh -e").isZero();
        assertThat(count.output()).containsPattern("\\|\\s*\\d+\\s*\\|");
    }

    @Test
    @Order(4)
    void igniteRestAnswersTheOperatorOverHttpsWithItsCertificateOnly() {
        requireClusterUp();
        String tls = PRESENCE_HOME.resolve("tls").toString();
        List<String> operator = List.of("--data-urlencode", "ignite.login=operator", "--data-urlencode",
                "ignite.password@" + PRESENCE_HOME.resolve("secrets/grid-operator-password"));

        RepoScript.Result top = curl(List.of("--cacert", tls + "/ca.crt", "--cert", tls + "/operator.crt",
                "--key", tls + "/operator.key", "--data", "cmd=top"), operator, "https://127.0.0.1:8091/ignite");
        RepoScript.Result withoutAccount = curl(List.of("--cacert", tls + "/ca.crt", "--cert", tls + "/operator.crt",
                "--key", tls + "/operator.key", "--data", "cmd=top"), List.of(), "https://127.0.0.1:8091/ignite");
        RepoScript.Result withoutCertificate = curl(List.of("--cacert", tls + "/ca.crt", "--data", "cmd=version"),
                operator, "https://127.0.0.1:8091/ignite");
        RepoScript.Result plain = curl(List.of(), List.of(), "http://127.0.0.1:8091/ignite?cmd=version");

        assertThat(top.output()).containsPattern("\"successStatus\"\\s*:\\s*0").contains("presence-node-0");
        assertThat(withoutAccount.output()).doesNotContain("presence-node-0").containsPattern("\"successStatus\"\\s*:\\s*[1-9]");
        assertThat(withoutCertificate.exitCode()).as("curl without the CA's client certificate").isNotZero();
        assertThat(plain.exitCode()).as("curl over plain HTTP to the HTTPS port").isNotZero();
        assertThat(plain.output() + withoutCertificate.output()).doesNotContain("successStatus");
    }

    @Test
    @Order(4)
    void theThinClientPortTakesTlsAndAnAccountAndNothingElse() throws Exception {
        requireClusterUp();
        GridTls tls = new GridTls(null, PRESENCE_HOME.resolve("tls/grid-trust.p12"),
                Files.readString(PRESENCE_HOME.resolve("secrets/grid-tls-store-password")).strip());
        Properties analyst = tls.jdbcProperties();
        analyst.putAll(new GridAccount("analyst", Files.readString(PRESENCE_HOME.resolve("secrets/grid-analyst-password")).strip())
                .jdbcProperties());

        try (Connection connection = DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:10801", analyst);
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM PRESENCE")) {
            assertThat(rows.next()).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:10801", tls.jdbcProperties()).close())
                .as("TLS without an account").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:10801?connectionTimeout=5000").close())
                .as("plain text").isInstanceOf(SQLException.class);
    }

    @Test
    @Order(4)
    void sqllineWorksAsTheAnalystWhoCannotDeleteWhatTheOperatorWrote() {
        requireClusterUp();
        Map<String, String> operator = Map.of("PRESENCE_GRID_USER", "operator");

        RepoScript.Result insert = run(Duration.ofMinutes(1), operator, "scripts/sqlline.sh", "-e",
                "INSERT INTO PRESENCE (USER_ID, STATUS, MESSAGE, DEVICE_COUNT, LAST_SEEN_AT, UPDATED_AT, VERSION) "
                        + "VALUES ('it-sqlline', 'offline', '', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
        RepoScript.Result analystDelete = run(Duration.ofMinutes(1), "scripts/sqlline.sh", "-e",
                "DELETE FROM PRESENCE WHERE USER_ID = 'it-sqlline'");
        RepoScript.Result operatorDelete = run(Duration.ofMinutes(1), operator, "scripts/sqlline.sh", "-e",
                "DELETE FROM PRESENCE WHERE USER_ID = 'it-sqlline'");

        assertThat(insert.exitCode()).as("the operator's INSERT").isZero();
        assertThat(analystDelete.exitCode()).as("the analyst's DELETE").isNotZero();
        assertThat(analystDelete.output()).contains("not allowed: CACHE_REMOVE");
        assertThat(operatorDelete.exitCode()).as("the operator's DELETE").isZero();
    }

    @Test
    @Order(4)
    void upMadeTheGridTlsMaterialOnlyItsOwnerCanReadAndGaveTheNodesThePasswordAsAFile() throws Exception {
        requireClusterUp();
        Path password = PRESENCE_HOME.resolve("secrets/grid-tls-store-password");

        assertThat(Files.getPosixFilePermissions(PRESENCE_HOME.resolve("tls")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String file : List.of("tls/ca.key", "tls/node-0.key", "tls/node-0.p12", "tls/grid-trust.p12", "tls/api-0.p12",
                "secrets/grid-operator-password", "secrets/grid-analyst-password", "secrets/grid-tls-store-password")) {
            assertThat(Files.getPosixFilePermissions(PRESENCE_HOME.resolve(file))).as(file)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        long nodePid = Long.parseLong(Files.readString(PRESENCE_HOME.resolve("run/node-0.pid")).strip());
        List<String> nodeEnvironment = List.of(Files.readString(Path.of("/proc/" + nodePid + "/environ")).split("\0"));
        assertThat(nodeEnvironment).contains("PRESENCE_GRID_TLS=on", "PRESENCE_GRID_TLS_STORE_PASSWORD_FILE=" + password,
                        "PRESENCE_GRID_TLS_KEY_STORE=" + PRESENCE_HOME.resolve("tls/node-0.p12"),
                        "PRESENCE_GRID_OPERATOR_PASSWORD_FILE=" + PRESENCE_HOME.resolve("secrets/grid-operator-password"))
                .noneMatch(variable -> variable.matches("PRESENCE_GRID_(TLS_STORE|OPERATOR|ANALYST)_PASSWORD=.+"));
    }

    private static RepoScript.Result curl(List<String> options, List<String> secretOptions, String url) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "10"));
        command.addAll(options);
        command.addAll(secretOptions);
        command.add(url);
        return RepoScript.run(Duration.ofSeconds(30), Map.of(), null, command);
    }

    @Test
    @Order(5)
    void statusShowsTheProcessesAndAnActiveCluster() {
        requireClusterUp();

        RepoScript.Result status = run(Duration.ofMinutes(2), "scripts/cluster.sh", "status");

        assertThat(status.exitCode()).as("exit code of cluster.sh status").isZero();
        assertThat(status.output()).contains("ACTIVE", "node-0", "node-1", "node-2", "api-0",
                "OK: every process runs, the cluster is ACTIVE with its full baseline, the API is UP");
        assertThat(status.output()).doesNotContain("NOT OK");
    }

    @Test
    @Order(14)
    void statusFailsAndNamesTheApiNodeWhileItIsStopped() {
        requireClusterUp();

        run(Duration.ofMinutes(2), "scripts/cluster.sh", "api", "stop", "0");
        RepoScript.Result withoutApi = run(Duration.ofMinutes(2), "scripts/cluster.sh", "status");
        RepoScript.Result start = run(Duration.ofMinutes(3), "scripts/cluster.sh", "api", "start", "0");
        RepoScript.Result withApi = run(Duration.ofMinutes(2), "scripts/cluster.sh", "status");

        assertThat(withoutApi.exitCode()).as("exit code of status without api-0").isEqualTo(1);
        assertThat(withoutApi.output()).contains("NOT OK: api-0 is not running").doesNotContain("NOT OK: node");
        assertThat(start.exitCode()).as("exit code of api start 0").isZero();
        assertThat(start.output()).contains("waiting for api-0 to be healthy", "api-0 is UP on http://127.0.0.1:8080 after");
        assertThat(withApi.exitCode()).as("exit code of status with api-0 back").isZero();
    }

    @Test
    @Order(15)
    void statusFailsAndNamesABaselineNodeThatDied() {
        requireClusterUp();
        ProcessHandle node2 = processesOfPresenceHome().stream()
                .filter(process -> process.info().commandLine().orElse("").contains("-Dpresence.process=node-2 "))
                .findFirst().orElseThrow(() -> new AssertionError("no node-2 process of " + PRESENCE_HOME));

        // A crash, not a stop: the pid file stays behind.
        node2.destroyForcibly();
        node2.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        RepoScript.Result withoutNode = run(Duration.ofMinutes(2), "scripts/cluster.sh", "status");
        RepoScript.Result start = run(Duration.ofMinutes(4), "scripts/cluster.sh", "node", "start", "2");
        RepoScript.Result withNode = run(Duration.ofMinutes(2), "scripts/cluster.sh", "status");

        assertThat(withoutNode.exitCode()).as("exit code of status with node-2 dead").isEqualTo(1);
        assertThat(withoutNode.output()).contains("NOT OK: node-2 has exited (its pid file was stale",
                "NOT OK: baseline nodes offline: presence-node-2");
        assertThat(start.exitCode()).as("exit code of node start 2").isZero();
        assertThat(withNode.exitCode()).as("exit code of status with node-2 back; it said:%n%s", withNode.output()).isZero();
    }

    @Test
    @Order(6)
    void tokenScriptSignsAJwtForTheUser() throws Exception {
        RepoScript.Result token = run(Duration.ofSeconds(30), Map.of("PRESENCE_JWT_SECRET", TEST_JWT_SECRET),
                "scripts/token.sh", "alice");

        assertThat(token.exitCode()).as("exit code of token.sh").isZero();
        String jwt = jwtFrom(token);
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"alice\"", "\"exp\":", "\"scope\":\"presence\"");
        assertThat(parts[2]).isEqualTo(hs256(parts[0] + "." + parts[1]));
        assertThat(lifetimeSeconds(payload)).as("exp - iat by default").isEqualTo(3600);

        String[] shortLived = jwtFrom(run(Duration.ofSeconds(30), Map.of("PRESENCE_JWT_SECRET", TEST_JWT_SECRET),
                "scripts/token.sh", "alice", "--valid-for", "90")).split("\\.");
        assertThat(lifetimeSeconds(new String(Base64.getUrlDecoder().decode(shortLived[1]), StandardCharsets.UTF_8)))
                .as("exp - iat with --valid-for 90").isEqualTo(90);
        assertThat(shortLived[2]).isEqualTo(hs256(shortLived[0] + "." + shortLived[1]));

        RepoScript.Result tooLong = run(Duration.ofSeconds(30), Map.of("PRESENCE_JWT_SECRET", TEST_JWT_SECRET),
                "scripts/token.sh", "alice", "--valid-for", "86401");
        assertThat(tooLong.exitCode()).isNotZero();
        assertThat(tooLong.output()).contains("--valid-for takes 1 to 86400 seconds, got '86401'");
    }

    private static long lifetimeSeconds(String payload) {
        Matcher exp = Pattern.compile("\"exp\":(\\d+)").matcher(payload);
        Matcher iat = Pattern.compile("\"iat\":(\\d+)").matcher(payload);
        assertThat(exp.find() && iat.find()).as("exp and iat in " + payload).isTrue();
        return Long.parseLong(exp.group(1)) - Long.parseLong(iat.group(1));
    }

    @Test
    @Order(7)
    void upGeneratedAJwtSecretOnlyItsOwnerCanReadAndGaveItToTheApiAsAFile() throws Exception {
        requireClusterUp();
        Path secret = PRESENCE_HOME.resolve("secrets/jwt-secret");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(secret).strip()).hasSizeGreaterThanOrEqualTo(32);
        long apiPid = Long.parseLong(Files.readString(PRESENCE_HOME.resolve("run/api-0.pid")).strip());
        List<String> apiEnvironment = List.of(Files.readString(Path.of("/proc/" + apiPid + "/environ")).split("\0"));
        assertThat(apiEnvironment).contains("PRESENCE_JWT_SECRET_FILE=" + secret)
                .noneMatch(variable -> variable.startsWith("PRESENCE_JWT_SECRET="));
    }

    @Test
    @Order(7)
    void theReadmeCurlExamplesWorkWithDevTokens() throws Exception {
        requireClusterUp();
        String alice = jwtFrom(run(Duration.ofSeconds(30), "scripts/token.sh", "alice"));
        String bob = jwtFrom(run(Duration.ofSeconds(30), "scripts/token.sh", "bob"));
        ApiClient api = new ApiClient("http://127.0.0.1:8080");

        ApiAnswer update = api.post("/v1/status/update", alice,
                "{\"userId\":\"alice\",\"status\":\"busy\",\"device\":\"laptop\",\"message\":\"in a meeting\"}");
        ApiAnswer read = api.get("/v1/status/alice", bob);
        ApiAnswer forbidden = api.delete("/v1/status/alice", bob);

        System.out.println("update -> " + update.status() + " " + update.body());
        assertThat(update.status()).isEqualTo(200);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains("\"status\":\"busy\"", "\"message\":\"in a meeting\"");
        assertThat(forbidden.status()).isEqualTo(403);
    }

    @Test
    @Order(8)
    void controlScriptListsTheCachesWithTheirConfiguration() {
        requireClusterUp();

        RepoScript.Result list = run(Duration.ofMinutes(1), "scripts/control.sh", "--cache", "list", ".", "--config");

        assertThat(list.exitCode()).as("exit code of control.sh --cache list . --config").isZero();
        assertThat(list.output()).contains("presence: [name=presence, grpName=presence-group",
                "partitionedBackups=2", "partLossPlc=READ_WRITE_SAFE");
    }

    @Test
    @Order(9)
    void aSnapshotIsTakenOnEveryNode() {
        requireClusterUp();

        RepoScript.Result create = run(Duration.ofMinutes(2), "scripts/control.sh", "--snapshot", "create", "it_snapshot", "--sync");

        assertThat(create.exitCode()).as("exit code of control.sh --snapshot create").isZero();
        assertThat(create.output()).contains("Snapshot create operation completed successfully [name=it_snapshot");
        assertThat(IntStream.range(0, 3).mapToObj(i -> PRESENCE_HOME.resolve("node-" + i + "/snapshots/it_snapshot")))
                .allMatch(Files::isDirectory);
    }

    /**
     * A restarted node 0 joins after the API's client node. Ignite 2.17's control utility then meets
     * the API node first when it looks for the node it is connected to, and fails on it unless the
     * API node has a thin-client listener (see GridClientConfiguration).
     */
    @Test
    @Order(10)
    void aRollingRestartStepWaitsForRebalancingAndIdleVerifyStillWorks() {
        requireClusterUp();

        RepoScript.Result restart = run(Duration.ofMinutes(4), "scripts/cluster.sh", "node", "restart", "0");
        RepoScript.Result verify = run(Duration.ofMinutes(2), "scripts/control.sh", "--cache", "idle_verify");

        assertThat(restart.exitCode()).as("exit code of cluster.sh node restart 0").isZero();
        assertThat(restart.output()).contains("node-0 is up", "no partition copy is MOVING, RENTING or LOST");
        assertThat(verify.exitCode()).as("exit code of control.sh --cache idle_verify").isZero();
        assertThat(verify.output()).contains("no conflicts have been found");
    }

    @Test
    @Order(11)
    void aFourthNodeJoinsOutsideTheBaselineThoughItsPortWasTakenAsItFirstBound() throws Exception {
        requireClusterUp();
        // As an outgoing connection given the port for an instant would: taken after the script found it
        // free and launched the node, released once the node has said it could not bind it.
        CompletableFuture<Boolean> portHeld = CompletableFuture.supplyAsync(
                () -> holdPortThroughTheFirstLaunch("node-3", 47503));

        RepoScript.Result start = run(Duration.ofMinutes(4), "scripts/cluster.sh", "node", "start", "3");
        RepoScript.Result baseline = run(Duration.ofMinutes(1), "scripts/control.sh", "--baseline");

        assertThat(portHeld.get(1, TimeUnit.MINUTES)).as("the discovery port was held until node-3 gave up on it").isTrue();
        assertThat(start.output()).contains("node-3 could not bind a port that was free when it was launched: starting it again");
        assertThat(start.exitCode()).as("exit code of cluster.sh node start 3").isZero();
        assertThat(baseline.output()).contains("Number of baseline nodes: 3", "Other nodes:",
                "ConsistentId=presence-node-3");
        // Left running: 'down' must stop the extra node too.
    }

    @Test
    @Order(12)
    void aSecondApiNodeServesTlsFromTheLocalCa() throws Exception {
        requireClusterUp();
        Map<String, String> tls = Map.of("PRESENCE_API_TLS", "true");

        RepoScript.Result start = run(Duration.ofMinutes(3), tls, "scripts/cluster.sh", "api", "start", "1");
        try {
            assertThat(start.exitCode()).as("exit code of cluster.sh api start 1 with TLS").isZero();
            assertThat(start.output()).contains("api-1 is UP on https://127.0.0.1:8081");
            String token = jwtFrom(run(Duration.ofSeconds(30), "scripts/token.sh", "alice"));
            RepoScript.Result read = RepoScript.run(Duration.ofSeconds(30), Map.of(), null, List.of("curl", "-s",
                    "--cacert", PRESENCE_HOME.resolve("tls/ca.crt").toString(), "-H", "Authorization: Bearer " + token,
                    "https://127.0.0.1:8081/v1/status/alice"));
            assertThat(read.output()).contains("\"userId\":\"alice\"");
        } finally {
            run(Duration.ofMinutes(2), tls, "scripts/cluster.sh", "api", "stop", "1");
        }
    }

    @Test
    @Order(13)
    void aPerNodePlacementVariableIsRefusedBecauseEveryLocalNodeWouldGetIt() {
        requireClusterUp();

        RepoScript.Result start = run(Duration.ofMinutes(1), Map.of("PRESENCE_CLIENT_PORT", "10800"),
                "scripts/cluster.sh", "node", "start", "4");

        assertThat(start.exitCode()).as("exit code of cluster.sh node start 4 with PRESENCE_CLIENT_PORT set").isNotZero();
        assertThat(start.output()).contains("PRESENCE_CLIENT_PORT is set");
        assertThat(PRESENCE_HOME.resolve("run/node-4.pid")).doesNotExist();
    }

    @Test
    @Order(13)
    void aHostsNodeNeedsAnAddressItCanAdvertise() {
        requireClusterUp();

        RepoScript.Result everyInterface = run(Duration.ofMinutes(1), "scripts/cluster.sh", "node", "start", "4", "--host", "0.0.0.0");
        RepoScript.Result noAddress = run(Duration.ofMinutes(1), "scripts/cluster.sh", "node", "start", "4", "--host");

        assertThat(everyInterface.exitCode()).as("exit code of node start 4 --host 0.0.0.0").isNotZero();
        assertThat(everyInterface.output()).contains("--host 0.0.0.0 binds every interface");
        assertThat(noAddress.exitCode()).as("exit code of node start 4 --host").isNotZero();
        assertThat(noAddress.output()).contains("--host needs the address");
        assertThat(PRESENCE_HOME.resolve("run/node-4.pid")).doesNotExist();
    }

    private static String jwtFrom(RepoScript.Result token) {
        return token.output().lines()
                .filter(line -> line.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .findFirst().orElseThrow(() -> new AssertionError("no JWT in: " + token.output()));
    }

    @Test
    @Order(20)
    void downStopsEveryProcessAndFreesThePorts() {
        requireClusterUp();

        RepoScript.Result down = run(Duration.ofMinutes(3), "scripts/cluster.sh", "down");

        assertThat(down.exitCode()).as("exit code of cluster.sh down").isZero();
        assertThat(processesOfPresenceHome()).as("grid and API processes of " + PRESENCE_HOME).isEmpty();
        RepoScript.Result status = run(Duration.ofMinutes(1), "scripts/cluster.sh", "status");
        assertThat(status.exitCode()).as("exit code of status after down").isEqualTo(3);
        assertThat(status.output()).contains("NOT RUNNING: no process of " + PRESENCE_HOME + " runs");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(IntStream.of(CLUSTER_PORTS).filter(ClusterScriptsIT::listening).boxed().toList())
                        .as("ports still accepting connections").isEmpty());
    }

    /**
     * Binds 127.0.0.1:{@code port} as soon as {@code process}'s first launch is written to its output, and
     * holds it until the launcher prints that it could not bind a port (true) or two minutes pass (false).
     */
    private static boolean holdPortThroughTheFirstLaunch(String process, int port) {
        Path output = PRESENCE_HOME.resolve("logs").resolve(process + ".out");
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> Files.exists(output) && Files.readString(output).contains("starting " + process));
            try (ServerSocket holder = new ServerSocket()) {
                holder.bind(new InetSocketAddress("127.0.0.1", port));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                        .until(() -> Files.readString(output).contains("grid node " + process + " could not bind one of its ports"));
                return true;
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("holding port " + port + " for " + process + " failed: " + e);
            return false;
        }
    }

    private static void requireClusterUp() {
        assertThat(clusterUp).as("scripts/cluster.sh up succeeded; it did not:%n%s", upFailure).isTrue();
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size())) + "\n";
    }

    /**
     * Runs a script from the repo root with this test's PRESENCE_HOME and prints its output for the
     * CI log. PRESENCE_SKIP_BUILD=1: the surrounding Maven build made the artifacts.
     */
    private static RepoScript.Result run(Duration timeout, String... command) {
        return run(timeout, Map.of(), command);
    }

    private static RepoScript.Result run(Duration timeout, Map<String, String> environment, String... command) {
        Map<String, String> scriptEnvironment = new HashMap<>(environment);
        scriptEnvironment.putIfAbsent("PRESENCE_HOME", PRESENCE_HOME.toString());
        scriptEnvironment.putIfAbsent("PRESENCE_SKIP_BUILD", "1");
        // As on a fresh machine, whatever the developer running the build has set: the scripts generate the secret.
        scriptEnvironment.putIfAbsent("PRESENCE_JWT_SECRET", "");
        scriptEnvironment.putIfAbsent("PRESENCE_JWT_SECRET_FILE", "");
        // The grid's TLS and accounts as the scripts set them up by default.
        for (String variable : List.of("PRESENCE_GRID_TLS", "PRESENCE_GRID_TLS_KEY_STORE", "PRESENCE_GRID_TLS_TRUST_STORE",
                "PRESENCE_GRID_TLS_STORE_PASSWORD", "PRESENCE_GRID_TLS_STORE_PASSWORD_FILE", "PRESENCE_GRID_AUTH",
                "PRESENCE_GRID_USER", "PRESENCE_GRID_PASSWORD", "PRESENCE_GRID_PASSWORD_FILE")) {
            scriptEnvironment.putIfAbsent(variable, "");
        }
        return RepoScript.run(timeout, scriptEnvironment, null, List.of(command));
    }

    /** Grid nodes and API nodes whose command line names this test's PRESENCE_HOME. */
    private static List<ProcessHandle> processesOfPresenceHome() {
        String home = PRESENCE_HOME.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine()
                        .filter(line -> line.contains(home))
                        .filter(line -> line.contains("GridNodeLauncher") || line.contains("api-service.jar"))
                        .isPresent())
                .toList();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The signature token.sh must have made: HMAC-SHA256 over header.payload with the test secret. */
    private static String hs256(String signingInput) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TEST_JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
