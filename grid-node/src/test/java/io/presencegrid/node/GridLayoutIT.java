package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.InterestKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.stats.GridStats;
import io.presencegrid.tasks.stats.GridStatsTask;
import io.presencegrid.tasks.stats.NodeCacheCounts;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.testing.SqlRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where data lives on a 3-node grid started from the real server XML, and how SQL sees it. */
class GridLayoutIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static GridTestCluster grid;
    private static Ignite node;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("layout", ServerAssembly::configuration).startActive(3);
        node = grid.node(0);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void everyCacheKeepsThreeCopiesOfAKeyOnThreeDifferentNodes() {
        String userId = "copies-user";
        node.cache(CacheNames.PRESENCE).put(userId, presence(PresenceStatus.ONLINE, 1));
        node.cache(CacheNames.DEVICE_SESSION).put(new DeviceSessionKey(userId, "phone"), session(PresenceStatus.ONLINE));
        node.cache(CacheNames.SUBSCRIPTION).put(new SubscriptionKey(userId, "follower"), new Subscription(NOW));

        assertThreeCopies(CacheNames.PRESENCE, userId);
        assertThreeCopies(CacheNames.DEVICE_SESSION, new DeviceSessionKey(userId, "phone"));
        assertThreeCopies(CacheNames.SUBSCRIPTION, new SubscriptionKey(userId, "follower"));
    }

    @Test
    void allRowsOfOneUserShareAPartitionAndAPrimaryNode() {
        for (int i = 0; i < 200; i++) {
            String userId = "user-" + i;
            Affinity<Object> presence = node.affinity(CacheNames.PRESENCE);
            Affinity<Object> sessions = node.affinity(CacheNames.DEVICE_SESSION);
            Affinity<Object> subscriptions = node.affinity(CacheNames.SUBSCRIPTION);
            Affinity<Object> interest = node.affinity(CacheNames.SOCKET_INTEREST);
            DeviceSessionKey sessionKey = new DeviceSessionKey(userId, "laptop-" + i);
            InterestKey interestKey = new InterestKey(userId, "api-node-" + i);
            SubscriptionKey subscriptionKey = new SubscriptionKey(userId, "subscriber-" + (i * 7));

            int partition = presence.partition(userId);
            assertThat(sessions.partition(sessionKey)).as(userId).isEqualTo(partition);
            assertThat(subscriptions.partition(subscriptionKey)).as(userId).isEqualTo(partition);
            assertThat(interest.partition(interestKey)).as(userId).isEqualTo(partition);

            ClusterNode primary = presence.mapKeyToNode(userId);
            assertThat(sessions.mapKeyToNode(sessionKey)).as(userId).isEqualTo(primary);
            assertThat(subscriptions.mapKeyToNode(subscriptionKey)).as(userId).isEqualTo(primary);
            // Sessions and interest live in another cache group (the in-memory region), with the same
            // affinity function: the same primary all the same.
            assertThat(interest.mapKeyToNode(interestKey)).as(userId).isEqualTo(primary);
        }
    }

    @Test
    void theUsersPrimaryNodeHoldsAllTheirRowsLocally() {
        String userId = "local-user";
        DeviceSessionKey phone = new DeviceSessionKey(userId, "phone");
        DeviceSessionKey laptop = new DeviceSessionKey(userId, "laptop");
        SubscriptionKey follower = new SubscriptionKey(userId, "follower-1");
        node.cache(CacheNames.PRESENCE).put(userId, presence(PresenceStatus.BUSY, 3));
        node.cache(CacheNames.DEVICE_SESSION).putAll(Map.of(phone, session(PresenceStatus.BUSY), laptop, session(PresenceStatus.ONLINE)));
        node.cache(CacheNames.SUBSCRIPTION).put(follower, new Subscription(NOW));

        Ignite primary = nodeById(node.affinity(CacheNames.PRESENCE).mapKeyToNode(userId));

        assertThat(primary.cache(CacheNames.PRESENCE).localPeek(userId, CachePeekMode.PRIMARY)).isNotNull();
        assertThat(primary.cache(CacheNames.DEVICE_SESSION).localPeek(phone, CachePeekMode.PRIMARY)).isNotNull();
        assertThat(primary.cache(CacheNames.DEVICE_SESSION).localPeek(laptop, CachePeekMode.PRIMARY)).isNotNull();
        assertThat(primary.cache(CacheNames.SUBSCRIPTION).localPeek(follower, CachePeekMode.PRIMARY)).isNotNull();
    }

    @Test
    void sqlTablesHaveExactlyTheDesignedColumns() throws SQLException {
        try (Connection jdbc = DriverManager.getConnection(grid.jdbcUrl(3))) {
            assertThat(columnsOf(jdbc, "PRESENCE"))
                    .containsExactly("USER_ID", "STATUS", "MESSAGE", "DEVICE_COUNT", "LAST_SEEN_AT", "UPDATED_AT", "VERSION");
            assertThat(columnsOf(jdbc, "DEVICE_SESSION"))
                    .containsExactly("USER_ID", "DEVICE", "STATUS", "LAST_ACTIVE_AT");
            assertThat(columnsOf(jdbc, "SUBSCRIPTION"))
                    .containsExactly("USER_ID", "SUBSCRIBER_ID", "CREATED_AT");
            assertThat(columnsOf(jdbc, "CHANNEL_MEMBER"))
                    .containsExactly("CHANNEL_ID", "USER_ID", "DEVICE", "JOINED_AT");
        }
    }

    @Test
    void aChannelsMembersShareOnePartitionAndAnalystsCountThemBySql() throws SQLException {
        IgniteCache<ChannelMemberKey, ChannelMember> members = node.cache(CacheNames.CHANNEL_MEMBER);
        int partition = node.affinity(CacheNames.CHANNEL_MEMBER).partition(new ChannelMemberKey("sql-room", "", ""));
        for (int i = 0; i < 50; i++) {
            ChannelMemberKey key = new ChannelMemberKey("sql-room", "member-" + i, i % 2 == 0 ? "phone" : "laptop");
            assertThat(node.affinity(CacheNames.CHANNEL_MEMBER).partition(key)).as(key.toString()).isEqualTo(partition);
            members.put(key, new ChannelMember(NOW));
        }
        members.put(new ChannelMemberKey("sql-room", "member-0", "laptop"), new ChannelMember(NOW));

        try (Connection jdbc = DriverManager.getConnection(grid.jdbcUrl(3)); Statement sql = jdbc.createStatement()) {
            // Two statements: Ignite's query splitter cannot mix COUNT(*) and COUNT(DISTINCT) in one.
            assertThat(rows(sql, "SELECT COUNT(*) FROM CHANNEL_MEMBER WHERE CHANNEL_ID = 'sql-room'")).containsExactly(List.of(51L));
            assertThat(rows(sql, "SELECT COUNT(DISTINCT USER_ID) FROM CHANNEL_MEMBER WHERE CHANNEL_ID = 'sql-room'"))
                    .containsExactly(List.of(50L));
            assertThat(rows(sql, "SELECT DEVICE, JOINED_AT FROM CHANNEL_MEMBER WHERE CHANNEL_ID = 'sql-room' AND USER_ID = 'member-0'"
                    + " ORDER BY DEVICE"))
                    .containsExactly(List.of("laptop", java.sql.Timestamp.from(NOW)), List.of("phone", java.sql.Timestamp.from(NOW)));
        }
    }

    @Test
    void jdbcThinQueriesAndJoinsTheThreeTables() throws SQLException {
        IgniteCache<String, UserPresence> presence = node.cache(CacheNames.PRESENCE);
        presence.put("sql-ann", presence(PresenceStatus.ONLINE, 2));
        presence.put("sql-bob", presence(PresenceStatus.AWAY, 1));
        IgniteCache<DeviceSessionKey, DeviceSession> sessions = node.cache(CacheNames.DEVICE_SESSION);
        sessions.put(new DeviceSessionKey("sql-ann", "phone"), session(PresenceStatus.ONLINE));
        sessions.put(new DeviceSessionKey("sql-ann", "laptop"), session(PresenceStatus.AWAY));
        sessions.put(new DeviceSessionKey("sql-bob", "phone"), session(PresenceStatus.AWAY));
        IgniteCache<SubscriptionKey, Subscription> subscriptions = node.cache(CacheNames.SUBSCRIPTION);
        subscriptions.put(new SubscriptionKey("sql-ann", "sql-bob"), new Subscription(NOW));
        subscriptions.put(new SubscriptionKey("sql-ann", "sql-cid"), new Subscription(NOW));

        try (Connection jdbc = DriverManager.getConnection(grid.jdbcUrl(3)); Statement sql = jdbc.createStatement()) {
            assertThat(rows(sql, "SELECT USER_ID, STATUS, DEVICE_COUNT, VERSION, LAST_SEEN_AT FROM PRESENCE "
                    + "WHERE USER_ID LIKE 'sql-%' ORDER BY USER_ID"))
                    .containsExactly(
                            List.of("sql-ann", "online", 2, 7L, java.sql.Timestamp.from(NOW)),
                            List.of("sql-bob", "away", 1, 7L, java.sql.Timestamp.from(NOW)));
            // Colocated by user id, so this join needs no distributed joins.
            assertThat(rows(sql, "SELECT p.USER_ID, COUNT(DISTINCT d.DEVICE), COUNT(DISTINCT s.SUBSCRIBER_ID) "
                    + "FROM PRESENCE p JOIN DEVICE_SESSION d ON d.USER_ID = p.USER_ID "
                    + "LEFT JOIN SUBSCRIPTION s ON s.USER_ID = p.USER_ID "
                    + "WHERE p.USER_ID LIKE 'sql-%' GROUP BY p.USER_ID ORDER BY p.USER_ID"))
                    .containsExactly(List.of("sql-ann", 2L, 2L), List.of("sql-bob", 1L, 0L));
        }
    }

    @Test
    void gridStatsTaskCountsEachEntryOnceOnItsPrimary() {
        IgniteCache<String, UserPresence> presence = node.cache(CacheNames.PRESENCE);
        long before = presence.sizeLong(CachePeekMode.PRIMARY);
        Map<String, UserPresence> batch = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            batch.put("stats-" + i, presence(PresenceStatus.ONLINE, 1));
        }
        presence.putAll(batch);

        GridStats stats = node.compute().execute(GridStatsTask.class, null);

        assertThat(stats.getNodes()).hasSize(3);
        assertThat(stats.getTotalEntries().get(CacheNames.PRESENCE)).isEqualTo(before + 300);
        for (NodeCacheCounts counts : stats.getNodes()) {
            Ignite owner = nodeByConsistentId(counts.getConsistentId());
            assertThat(counts.getPrimaryEntries().get(CacheNames.PRESENCE))
                    .as("primary entries on %s", counts.getConsistentId())
                    .isEqualTo(owner.cache(CacheNames.PRESENCE).localSizeLong(CachePeekMode.PRIMARY))
                    .isPositive();
        }
    }

    private static void assertThreeCopies(String cacheName, Object key) {
        Set<String> holders = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Ignite member = grid.node(i);
            if (member.cache(cacheName).localPeek(key, CachePeekMode.PRIMARY, CachePeekMode.BACKUP) != null) {
                holders.add(member.name());
            }
        }
        assertThat(holders).as("nodes holding %s in %s", key, cacheName).hasSize(3);
        assertThat(node.affinity(cacheName).mapKeyToPrimaryAndBackups(key)).hasSize(3);
    }

    private static List<String> columnsOf(Connection jdbc, String table) throws SQLException {
        try (Statement sql = jdbc.createStatement(); ResultSet rows = sql.executeQuery("SELECT * FROM " + table + " LIMIT 1")) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            return columns;
        }
    }

    private static List<List<Object>> rows(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            return SqlRows.of(rows);
        }
    }

    private static Ignite nodeById(ClusterNode clusterNode) {
        for (int i = 0; i < 3; i++) {
            if (grid.node(i).cluster().localNode().id().equals(clusterNode.id())) {
                return grid.node(i);
            }
        }
        throw new AssertionError("no running node " + clusterNode.id());
    }

    private static Ignite nodeByConsistentId(String consistentId) {
        for (int i = 0; i < 3; i++) {
            if (String.valueOf(grid.node(i).cluster().localNode().consistentId()).equals(consistentId)) {
                return grid.node(i);
            }
        }
        throw new AssertionError("no running node " + consistentId);
    }

    private static UserPresence presence(PresenceStatus status, int devices) {
        Map<String, DeviceState> sessions = new java.util.TreeMap<>();
        for (int i = 0; i < devices; i++) {
            sessions.put("device-" + i, new DeviceState(status, NOW));
        }
        return UserPresence.visible(status, "in a meeting", sessions, NOW, NOW, 7);
    }

    private static DeviceSession session(PresenceStatus status) {
        return new DeviceSession(status, NOW);
    }
}
