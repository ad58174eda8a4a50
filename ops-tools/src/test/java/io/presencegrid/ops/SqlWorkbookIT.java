package io.presencegrid.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.node.ServerAssembly;
import io.presencegrid.security.GridAccount;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.testing.SqlRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The analysts' SQL workbook against a real 3-node grid started from the server XML: every file in
 * {@code sql/queries} runs over JDBC thin and must give exactly its known answer on seeded data, and
 * {@code scripts/sqlline.sh} (the real script, in a process of its own) answers with node 0 down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlWorkbookIT {

    private static final Path QUERIES = RepoScript.REPO_ROOT.resolve("sql/queries");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);

    private static GridTestCluster grid;
    private static Map<String, List<List<Object>>> expected;
    private static final String OPERATOR_PASSWORD = "workbook-operator-" + java.util.UUID.randomUUID();
    private static final String ANALYST_PASSWORD = "workbook-analyst-" + java.util.UUID.randomUUID();

    @BeforeAll
    static void startAndSeedGrid() {
        // Seeded sessions are minutes old: an hour's TTL keeps them live for the whole class.
        // TLS and accounts on, as the cluster `up` starts: the script connects as the analyst.
        grid = GridTestCluster.create("sql-workbook", ServerAssembly::configuration).withTtlSeconds(3600).withTls()
                .withAuth(OPERATOR_PASSWORD, ANALYST_PASSWORD).startActive(3);
        WorkbookSeed seed = new WorkbookSeed(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        seed.writeTo(grid.node(0));
        expected = seed.expectedAnswers();
    }

    @AfterAll
    static void stopGrid() {
        if (grid != null) {
            grid.close();
        }
    }

    /** What sql/README.md says about tables, affinity and indexes, checked against the grid itself. */
    @Test
    @Order(1)
    void onlyTheFourDocumentedTablesAreVisibleToSqlWithTheirAffinityAndIndexes() throws SQLException {
        assertThat(rows("SELECT SCHEMA_NAME, TABLE_NAME, AFFINITY_KEY_COLUMN FROM SYS.TABLES ORDER BY TABLE_NAME"))
                .containsExactly(List.of("PUBLIC", "CHANNEL_MEMBER", "CHANNEL_ID"),
                        List.of("PUBLIC", "DEVICE_SESSION", "USER_ID"),
                        // The whole key is USER_ID, so it is its own affinity key and no column is named.
                        Arrays.asList("PUBLIC", "PRESENCE", null),
                        List.of("PUBLIC", "SUBSCRIPTION", "USER_ID"));
        assertThat(rows("SELECT TABLE_NAME, INDEX_NAME FROM SYS.INDEXES"
                + " WHERE IS_PK = FALSE AND INDEX_NAME NOT LIKE '%proxy' ORDER BY TABLE_NAME, INDEX_NAME"))
                // Ignite's own index on the affinity column, added because no index of ours starts with it.
                .containsExactly(List.of("CHANNEL_MEMBER", "CHANNEL_MEMBER_BY_USER"),
                        List.of("DEVICE_SESSION", "AFFINITY_KEY"),
                        List.of("SUBSCRIPTION", "SUBSCRIPTION_SUBSCRIBERID_ASC_IDX"),
                        List.of("SUBSCRIPTION", "SUBSCRIPTION_USERID_ASC_IDX"));
    }

    @Test
    @Order(1)
    void everyWorkbookFileHasAnExpectedAnswer() throws IOException {
        assertThat(workbookFiles()).as("files in " + QUERIES + " (add the answer to WorkbookSeed with a new file)")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyWorkbookQueryGivesItsExactAnswer() throws IOException {
        return workbookFiles().stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            String sql = Files.readString(QUERIES.resolve(file));
            assertThat(sql).as(file + " opens with a comment stating its question").startsWith("-- ");
            assertThat(expected).as("expected answer of " + file).containsKey(file);
            assertThat(rows(withoutFinalSemicolon(sql))).as(file).containsExactlyElementsOf(expected.get(file));
        }));
    }

    /**
     * SUBSCRIPTION rows live with the followed user, so a join on SUBSCRIBER_ID pairs rows of different
     * nodes: run locally (the default) it silently misses most of them, as sql/README.md warns.
     */
    @Test
    @Order(2)
    void joinsOnSubscriberIdAreCompleteOnlyWithDistributedJoins() throws SQLException {
        String followersWithPresence = "SELECT COUNT(*) FROM SUBSCRIPTION s JOIN PRESENCE p ON p.USER_ID = s.SUBSCRIBER_ID";

        long local = (Long) rows(grid.jdbcUrl(3), followersWithPresence).get(0).get(0);
        long distributed = (Long) rows(grid.jdbcUrl(3) + "?distributedJoins=true", followersWithPresence).get(0).get(0);

        assertThat(distributed).as("ann's six followers are the only subscribers with a PRESENCE row").isEqualTo(6);
        assertThat(local).as("the same join without distributedJoins").isLessThan(6);
    }

    /** The README's analyst commands, as written there, but against this grid. */
    @Test
    @Order(3)
    void sqllineRunsAStatementAndAWorkbookFileWhileNodeZeroIsDown() {
        stopNodeZero();

        RepoScript.Result statement = sqlline(null, "-e", "SELECT STATUS, COUNT(*) FROM PRESENCE GROUP BY STATUS");
        RepoScript.Result workbookFile = sqlline(null, "-f", "sql/queries/most-followed-users.sql");

        assertThat(statement.exitCode()).as("exit code of sqlline.sh -e").isZero();
        assertThat(statement.output()).containsPattern("\\|\\s*offline\\s*\\|\\s*6\\s*\\|")
                .containsPattern("\\|\\s*invisible\\s*\\|\\s*1\\s*\\|");
        assertThat(workbookFile.exitCode()).as("exit code of sqlline.sh -f").isZero();
        assertThat(workbookFile.output()).containsPattern("\\|\\s*star-01\\s*\\|\\s*25\\s*\\|")
                .containsPattern("\\|\\s*ann\\s*\\|\\s*6\\s*\\|").doesNotContain("star-20");
    }

    @Test
    @Order(4)
    void interactiveSqllineAnswersWhileNodeZeroIsDown() {
        stopNodeZero();

        // sqlline's default buffered output shows the driver's metadata (!tables, !describe) as bare
        // headers; incremental output shows the rows, so the README says to switch it on first.
        RepoScript.Result session = sqlline("!set incremental true\n!tables\n!describe PRESENCE\n"
                + "!set incremental false\nSELECT COUNT(*) AS KNOWN_USERS FROM PRESENCE;\n!quit\n");

        assertThat(session.exitCode()).as("exit code of interactive sqlline.sh").isZero();
        assertThat(session.output()).as("!tables").contains("DEVICE_SESSION", "SUBSCRIPTION");
        assertThat(session.output()).as("!describe PRESENCE").contains("LAST_SEEN_AT", "DEVICE_COUNT");
        assertThat(session.output()).as("a compact table again").containsPattern("\\| KNOWN_USERS \\|\\R\\+-+\\+\\R\\| 11 +\\|");
    }

    @Test
    @Order(5)
    void sqllineExitsNonZeroWhenAStatementFails() {
        RepoScript.Result failed = sqlline(null, "-e", "SELECT NO_SUCH_COLUMN FROM PRESENCE");

        assertThat(failed.exitCode()).as("exit code of a failing sqlline.sh -e").isNotZero();
        assertThat(failed.output()).contains("NO_SUCH_COLUMN");
    }

    /** Idempotent: the script tests each need node 0 gone, whichever runs first. */
    private static void stopNodeZero() {
        if (isRunning(0)) {
            grid.stopNode(0);
        }
    }

    private static boolean isRunning(int index) {
        try {
            grid.node(index);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * The real script, pointed at this test grid through PRESENCE_JDBC_URL (all three thin ports), its
     * trust store and the analyst's account.
     */
    private static RepoScript.Result sqlline(String stdin, String... arguments) {
        List<String> command = new ArrayList<>(List.of("scripts/sqlline.sh"));
        command.addAll(List.of(arguments));
        Map<String, String> environment = Map.of("PRESENCE_JDBC_URL", grid.jdbcUrl(3),
                "PRESENCE_GRID_TLS", "on",
                "PRESENCE_GRID_TLS_TRUST_STORE", grid.certificates().trustStore().toString(),
                "PRESENCE_GRID_TLS_STORE_PASSWORD", grid.certificates().password(),
                "PRESENCE_GRID_AUTH", "on",
                "PRESENCE_GRID_USER", "analyst",
                "PRESENCE_GRID_PASSWORD", ANALYST_PASSWORD);
        return RepoScript.run(SCRIPT_TIMEOUT, environment, stdin, command);
    }

    private static List<String> workbookFiles() throws IOException {
        try (Stream<Path> files = Files.list(QUERIES)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList();
        }
    }

    /** Each file is one statement; JDBC wants it without the terminator sqlline needs. */
    private static String withoutFinalSemicolon(String sql) {
        String statement = sql.strip();
        assertThat(statement).endsWith(";");
        String body = statement.substring(0, statement.length() - 1);
        assertThat(body).as("one statement per file").doesNotContain(";");
        return body;
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        return rows(grid.jdbcUrl(3), sql);
    }

    /** As the analyst, over TLS: what the workbook's readers have. */
    private static List<List<Object>> rows(String url, String sql) throws SQLException {
        java.util.Properties analyst = grid.certificates().thinClient().jdbcProperties();
        analyst.putAll(new GridAccount("analyst", ANALYST_PASSWORD).jdbcProperties());
        try (Connection jdbc = DriverManager.getConnection(url, analyst);
             Statement statement = jdbc.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return SqlRows.of(rows);
        }
    }
}
