package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.security.GridTls;
import io.presencegrid.security.GridUsers;
import io.presencegrid.security.PresenceSecurityPlugin;
import io.presencegrid.testing.GridTestCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.security.IgniteSecurity;
import org.apache.ignite.internal.processors.security.OperationSecurityContext;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.plugin.security.SecuritySubjectType;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grid as 'up' starts it, TLS and authentication on, from the real server XML: thin clients and JDBC
 * need an account; the analyst reads and cannot change anything; the operator can; client nodes with the
 * plugin and a certificate work as before.
 */
class GridAuthIT {

    private static final String OPERATOR_PASSWORD = "operator-password-for-tests-" + System.nanoTime();
    private static final String ANALYST_PASSWORD = "analyst-password-for-tests-" + System.nanoTime();

    private static GridTestCluster grid;

    @BeforeAll
    static void startGrid() throws SQLException {
        grid = GridTestCluster.create("auth", ServerAssembly::configuration).withTls()
                .withAuth(OPERATOR_PASSWORD, ANALYST_PASSWORD).startActive(2);
        try (Connection operator = jdbc(GridUsers.OPERATOR, OPERATOR_PASSWORD);
             Statement statement = operator.createStatement()) {
            statement.executeUpdate("INSERT INTO PRESENCE (USER_ID, STATUS, MESSAGE, DEVICE_COUNT, LAST_SEEN_AT, UPDATED_AT, VERSION) "
                    + "VALUES ('auth-user', 'online', 'hi', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
            statement.executeUpdate("CREATE INDEX OPERATOR_INDEX ON PRESENCE (MESSAGE)");
        }
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void theAnalystReadsWithSql() throws SQLException {
        try (Connection analyst = jdbc(GridUsers.ANALYST, ANALYST_PASSWORD);
             ResultSet rows = analyst.createStatement().executeQuery("SELECT STATUS FROM PRESENCE WHERE USER_ID = 'auth-user'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("online");
        }
    }

    @Test
    void theAnalystCannotInsertUpdateDeleteOrChangeTables() throws SQLException {
        List<String> executed = new java.util.ArrayList<>();
        try (Connection analyst = jdbc(GridUsers.ANALYST, ANALYST_PASSWORD)) {
            for (String statement : List.of(
                    "INSERT INTO PRESENCE (USER_ID, STATUS, MESSAGE, DEVICE_COUNT, LAST_SEEN_AT, UPDATED_AT, VERSION) "
                            + "VALUES ('forged', 'online', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)",
                    "UPDATE PRESENCE SET STATUS = 'offline' WHERE USER_ID = 'auth-user'",
                    "DELETE FROM PRESENCE",
                    "CREATE TABLE ANALYST_TABLE (ID INT PRIMARY KEY, V VARCHAR)",
                    "DROP TABLE PRESENCE",
                    "MERGE INTO PRESENCE (USER_ID, STATUS, VERSION, UPDATED_AT) VALUES ('auth-user', 'away', 2, CURRENT_TIMESTAMP)",
                    "CREATE VIEW ANALYST_VIEW AS SELECT USER_ID FROM PRESENCE",
                    "ANALYZE PRESENCE",
                    "CREATE INDEX ANALYST_INDEX ON PRESENCE (STATUS, MESSAGE)",
                    "DROP INDEX OPERATOR_INDEX",
                    "ALTER TABLE PRESENCE ADD COLUMN ANALYST_COLUMN VARCHAR",
                    "ALTER TABLE PRESENCE DROP COLUMN DEVICE_COUNT")) {
                try (Statement attempt = analyst.createStatement()) {
                    attempt.executeUpdate(statement);
                    executed.add(statement);
                } catch (SQLException refused) {
                    assertThat(refused.getMessage()).as(statement).containsIgnoringCase("not allowed");
                }
            }
        }
        assertThat(executed).as("statements the analyst got through").isEmpty();
        try (Connection operator = jdbc(GridUsers.OPERATOR, OPERATOR_PASSWORD);
             ResultSet rows = operator.createStatement().executeQuery(
                     "SELECT STATUS, (SELECT COUNT(*) FROM PRESENCE WHERE USER_ID = 'forged') FROM PRESENCE WHERE USER_ID = 'auth-user'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("online");
            assertThat(rows.getLong(2)).isZero();
        }
        assertThat(schemaOfPresence()).contains("index OPERATOR_INDEX", "column MESSAGE", "column DEVICE_COUNT")
                .doesNotContain("index ANALYST_INDEX", "column ANALYST_COLUMN");
    }

    /** The indexes and columns of PRESENCE as the operator sees them, one "index NAME" or "column NAME" each. */
    private static List<String> schemaOfPresence() throws SQLException {
        List<String> schema = new java.util.ArrayList<>();
        try (Connection operator = jdbc(GridUsers.OPERATOR, OPERATOR_PASSWORD);
             Statement statement = operator.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT INDEX_NAME FROM SYS.INDEXES WHERE TABLE_NAME = 'PRESENCE'")) {
                while (rows.next()) {
                    schema.add("index " + rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT COLUMN_NAME FROM SYS.TABLE_COLUMNS WHERE TABLE_NAME = 'PRESENCE'")) {
                while (rows.next()) {
                    schema.add("column " + rows.getString(1));
                }
            }
        }
        return schema;
    }

    @Test
    void theAnalystCannotWriteThroughTheThinClient() {
        try (IgniteClient analyst = thinClient(GridUsers.ANALYST, ANALYST_PASSWORD)) {
            assertThat(analyst.cache(CacheNames.PRESENCE).size()).isPositive();
            assertThatThrownBy(() -> analyst.cache(CacheNames.PRESENCE).remove("auth-user")).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> analyst.cache(CacheNames.PRESENCE).clear()).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> analyst.createCache("analyst-cache")).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> analyst.destroyCache(CacheNames.SUBSCRIPTION)).isInstanceOf(Exception.class);
        }
        assertThat(grid.node(0).cache(CacheNames.PRESENCE).containsKey("auth-user")).isTrue();
    }

    @Test
    void withoutAnAccountOrWithAWrongPasswordNothingGetsIn() {
        assertThatThrownBy(() -> jdbc(null, null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> jdbc(GridUsers.OPERATOR, "wrong-password-wrong-password").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> jdbc(GridUsers.ANALYST, OPERATOR_PASSWORD).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> {
            try (IgniteClient anonymous = thinClient(null, null)) {
                anonymous.cacheNames();
            }
        }).isInstanceOf(Exception.class);
    }

    @Test
    void theOperatorWritesThroughTheThinClient() {
        try (IgniteClient operator = thinClient(GridUsers.OPERATOR, OPERATOR_PASSWORD)) {
            operator.getOrCreateCache("operator-cache").put("k", "v");
            assertThat(grid.node(1).cache("operator-cache").get("k")).isEqualTo("v");
            operator.destroyCache("operator-cache");
        }
    }

    @Test
    void aClientNodeWithThePluginAndACertificateWorksAsBefore() {
        GridTls tls = grid.certificates().node("api-auth");
        IgniteConfiguration client = tls.secureClientNode(new IgniteConfiguration()
                .setIgniteInstanceName("auth-client")
                .setClientMode(true)
                .setLocalHost("127.0.0.1")
                .setWorkDirectory(grid.home().resolve("auth-client").toString())
                .setPluginProviders(new PresenceSecurityPlugin(GridUsers.none()))
                .setDiscoverySpi(new TcpDiscoverySpi().setJoinTimeout(20_000)
                        .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(List.of(grid.ports().discoveryAddresses()))))
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(GridTestCluster.clientCommunicationPort(0)).setLocalPortRange(10)));
        try (Ignite node = Ignition.start(client)) {
            node.getOrCreateCache("client-cache").put("k", 1);
            assertThat(node.compute(node.cluster().forServers()).call(() -> 42)).isEqualTo(42);
            assertThat(grid.node(0).cache("client-cache").get("k")).isEqualTo(1);
            node.destroyCache("client-cache");
        }
    }

    /**
     * A message sent for a node this node has not heard of yet (it joined a moment ago) runs with a subject
     * allowed nothing instead of being dropped, while a known node keeps its own role.
     */
    @Test
    void aSubjectNotYetKnownHereIsAllowedNothingAndAKnownNodeEverything() {
        IgniteSecurity security = ((IgniteEx) grid.node(0)).context().security();
        UUID notYetKnown = UUID.randomUUID();
        try (OperationSecurityContext ignored = security.withContext(notYetKnown)) {
            assertThat(security.securityContext().subject().id()).isEqualTo(notYetKnown);
            assertThatThrownBy(() -> security.authorize(CacheNames.PRESENCE, SecurityPermission.CACHE_READ))
                    .isInstanceOf(SecurityException.class);
        }
        UUID peer = grid.node(1).cluster().localNode().id();
        try (OperationSecurityContext ignored = security.withContext(peer)) {
            assertThat(security.securityContext().subject().id()).isEqualTo(peer);
            assertThat(security.securityContext().subject().type()).isEqualTo(SecuritySubjectType.REMOTE_NODE);
            security.authorize(CacheNames.PRESENCE, SecurityPermission.CACHE_PUT);
        }
    }

    private static Connection jdbc(String user, String password) throws SQLException {
        Properties properties = grid.certificates().thinClient().jdbcProperties();
        if (user != null) {
            properties.setProperty("user", user);
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(grid.jdbcUrl(2), properties);
    }

    private static IgniteClient thinClient(String user, String password) {
        ClientConfiguration configuration = grid.certificates().thinClient()
                .secureThinClient(new ClientConfiguration().setAddresses("127.0.0.1:" + grid.ports().clientPort(0)).setTimeout(10_000));
        if (user != null) {
            configuration.setUserName(user).setUserPassword(password);
        }
        return Ignition.startClient(configuration);
    }
}
