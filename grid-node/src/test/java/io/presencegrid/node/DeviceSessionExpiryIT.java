package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.testing.GridTestCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DEVICE_SESSION expiry policy from the server XML, with a 2 s TTL instead of 60 s. */
class DeviceSessionExpiryIT {

    private static final int TTL_SECONDS = 2;

    private static GridTestCluster grid;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("expiry", ServerAssembly::configuration).withTtlSeconds(TTL_SECONDS).startActive(3);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void sessionExpiresAfterItsTtlAndItsSqlRowDisappears() throws SQLException {
        IgniteCache<DeviceSessionKey, DeviceSession> sessions = grid.node(0).cache(CacheNames.DEVICE_SESSION);
        DeviceSessionKey phone = new DeviceSessionKey("expiring-user", "phone");
        sessions.put(phone, new DeviceSession(PresenceStatus.ONLINE, Instant.now()));
        Instant written = Instant.now();

        try (Connection jdbc = DriverManager.getConnection(grid.jdbcUrl(3))) {
            assertThat(sessionRows(jdbc, "expiring-user")).isEqualTo(1);

            await().atMost(Duration.ofSeconds(TTL_SECONDS + 3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> sessionRows(jdbc, "expiring-user") == 0);
        }
        assertThat(Duration.between(written, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(TTL_SECONDS).minusMillis(100));
        // SQL can stop showing the row a moment before the ttl-cleanup-worker removes the entry itself.
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.get(phone) == null);
    }

    @Test
    void aRewrittenSessionOutlivesItsFirstTtl() throws SQLException, InterruptedException {
        IgniteCache<DeviceSessionKey, DeviceSession> sessions = grid.node(1).cache(CacheNames.DEVICE_SESSION);
        DeviceSessionKey laptop = new DeviceSessionKey("busy-user", "laptop");
        Instant start = Instant.now();
        try (Connection jdbc = DriverManager.getConnection(grid.jdbcUrl(3))) {
            // A heartbeat every 500 ms for two TTLs: the session must be there at every beat.
            while (Duration.between(start, Instant.now()).toSeconds() < TTL_SECONDS * 2L) {
                sessions.put(laptop, new DeviceSession(PresenceStatus.BUSY, Instant.now()));
                assertThat(sessionRows(jdbc, "busy-user")).isEqualTo(1);
                Thread.sleep(500); // heartbeat pacing, not a wait for a condition
            }
        }
    }

    @Test
    void readingASessionDoesNotKeepItAlive() {
        IgniteCache<DeviceSessionKey, DeviceSession> sessions = grid.node(2).cache(CacheNames.DEVICE_SESSION);
        DeviceSessionKey tablet = new DeviceSessionKey("watched-user", "tablet");
        sessions.put(tablet, new DeviceSession(PresenceStatus.AWAY, Instant.now()));

        // Reads every 200 ms would keep a touched-expiry entry alive forever; a modified-expiry one goes.
        await().atMost(Duration.ofSeconds(TTL_SECONDS + 3)).pollInterval(Duration.ofMillis(200))
                .until(() -> sessions.get(tablet) == null);
    }

    private static int sessionRows(Connection jdbc, String userId) throws SQLException {
        try (PreparedStatement query = jdbc.prepareStatement("SELECT COUNT(*) FROM DEVICE_SESSION WHERE USER_ID = ?")) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
