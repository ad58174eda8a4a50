package io.presencegrid.tasks.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencegrid.node.ServerAssembly;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.testing.GridTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions a device socket holds live as long as their API node's lease, on a 3-node grid with a 2 s TTL:
 * they outlive their own TTL while the lease is written, end with reason expired within a TTL and a
 * moment of its last write, keep their long TTL through a REST write that is not their holder's, and
 * the sweeper ends one whose node never had a lease.
 */
class HeldSessionLeaseIT {

    private static final int TTL_SECONDS = 2;
    /** Longer than the tests' waits, so an ending within a TTL of the lease's last write is the notice's doing. */
    private static final int SWEEP_SECONDS = 20;
    /**
     * Enough that ending them one grid call at a time overran the bound below (7.1 s from the lease's last
     * write on a 2-core machine, where batches took 3.2 s with the lease's shorter TTL).
     */
    private static final int MANY_SESSIONS = 3_000;

    private static GridTestCluster grid;
    private static Ignite node;
    private static PresenceWrites writes;
    private static final ScheduledExecutorService leaseWriters = Executors.newScheduledThreadPool(2);

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("leases", ServerAssembly::configuration).withTtlSeconds(TTL_SECONDS)
                .withSweepSeconds(SWEEP_SECONDS).startActive(3);
        node = grid.node(0);
        writes = new PresenceWrites(grid.node(1));
    }

    @AfterAll
    static void stopGrid() {
        leaseWriters.shutdownNow();
        grid.close();
    }

    @Test
    void aHeldSessionOutlivesItsTtlWhileItsNodeWritesItsLeaseAndEndsAsExpiredWhenItStops() throws InterruptedException {
        long apiNode = 101;
        ScheduledFuture<?> lease = writeLeaseOf(apiNode);
        Instant opened = Instant.now();
        writes.takeOver(update("held-1", PresenceStatus.ONLINE), apiNode);

        for (int beat = 0; beat < 3 * TTL_SECONDS * 2; beat++) {
            Thread.sleep(500); // sampling for three TTLs, not a wait for a condition
            assertThat(sessions().get(new DeviceSessionKey("held-1", "phone"))).as("after %d ms", (beat + 1) * 500).isNotNull();
        }
        assertThat(presence().get("held-1").deviceStatuses()).containsOnlyKeys("phone");

        lease.cancel(false);
        Instant lastLease = Instant.ofEpochMilli(leases().get(apiNode));
        await().atMost(Duration.ofSeconds(TTL_SECONDS + 3)).pollInterval(Duration.ofMillis(100))
                .until(() -> presence().get("held-1").deviceStatuses().isEmpty());
        assertThat(Duration.between(lastLease, Instant.now())).as("from the lease's last write to the ending")
                .isLessThan(Duration.ofSeconds(TTL_SECONDS + 3));
        UserPresence row = presence().get("held-1");
        assertThat(row.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(row.reason()).isEqualTo(ChangeReason.EXPIRED);
        assertThat(row.lastSeenAt()).as("the node vouched for the socket until its last lease").isAfter(opened.plusSeconds(1))
                .isBeforeOrEqualTo(lastLease);
        assertThat(sessions().get(new DeviceSessionKey("held-1", "phone"))).isNull();
    }

    @Test
    void aLapsedLeaseEndsThousandsOfSessionsOfItsNodeButOneADeviceTookOverElsewhere() throws InterruptedException {
        long apiNode = 104;
        long otherApiNode = 105;
        ScheduledFuture<?> lease = writeLeaseOf(apiNode);
        ScheduledFuture<?> otherLease = writeLeaseOf(otherApiNode);
        try {
            List<String> users = IntStream.range(0, MANY_SESSIONS).mapToObj(i -> "many-" + i).toList();
            for (String user : users) {
                writes.takeOver(update(user, PresenceStatus.ONLINE), apiNode);
            }
            // Two devices of one user on the dying node: both end, one after the other in the same row.
            writes.takeOver(new PresenceUpdate("many-0", "laptop", PresenceStatus.BUSY, null, ChangeReason.UPDATE), apiNode);
            // A phone that reconnected through another API node is that node's now.
            writes.takeOver(update("many-1", PresenceStatus.AWAY), otherApiNode);

            lease.cancel(false);
            Instant cancelled = Instant.now();
            Instant lastLease = Instant.ofEpochMilli(leases().get(apiNode));
            await().atMost(Duration.ofSeconds(TTL_SECONDS + 3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> users.stream().skip(2).allMatch(user -> presence().get(user).deviceStatuses().isEmpty())
                            && presence().get("many-0").deviceStatuses().isEmpty());
            assertThat(Duration.between(lastLease, Instant.now())).as("from the lease's last write to the last ending")
                    .isLessThan(Duration.ofSeconds(TTL_SECONDS + 3));

            assertThat(presence().get("many-1").deviceStatuses()).containsOnlyKeys("phone");
            assertThat(sessions().get(new DeviceSessionKey("many-1", "phone")).owner()).isEqualTo(otherApiNode);
            for (String user : List.of("many-0", "many-2", users.get(MANY_SESSIONS - 1))) {
                UserPresence row = presence().get(user);
                assertThat(row.status()).as(user).isEqualTo(PresenceStatus.OFFLINE);
                assertThat(row.reason()).as(user).isEqualTo(ChangeReason.EXPIRED);
                assertThat(row.lastSeenAt()).as("%s: the later of its session's last write and the lease's", user)
                        .isBetween(lastLease, cancelled);
                assertThat(sessions().get(new DeviceSessionKey(user, "phone"))).as(user).isNull();
            }
            assertThat(sessions().get(new DeviceSessionKey("many-0", "laptop"))).isNull();
        } finally {
            lease.cancel(false);
            otherLease.cancel(false);
        }
    }

    @Test
    void restWritesToADeviceASocketHoldsLeaveItHeldPastTheTtl() throws InterruptedException {
        long apiNode = 102;
        ScheduledFuture<?> lease = writeLeaseOf(apiNode);
        try {
            writes.takeOver(update("held-2", PresenceStatus.ONLINE), apiNode);
            writes.takeOver(new PresenceUpdate("held-2", "web", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), apiNode);

            // A REST heartbeat of the phone, a REST offline of the web device: neither is the holder's write.
            writes.update(update("held-2", PresenceStatus.ONLINE), DeviceSession.NO_OWNER);
            writes.update(new PresenceUpdate("held-2", "web", PresenceStatus.OFFLINE, null, ChangeReason.UPDATE), DeviceSession.NO_OWNER);
            Thread.sleep(TimeUnit.SECONDS.toMillis(TTL_SECONDS) * 5 / 2); // past the session TTL those writes set

            DeviceSession phone = sessions().get(new DeviceSessionKey("held-2", "phone"));
            DeviceSession web = sessions().get(new DeviceSessionKey("held-2", "web"));
            assertThat(phone).isNotNull();
            assertThat(phone.owner()).isEqualTo(apiNode);
            assertThat(phone.live()).isTrue();
            assertThat(web).as("the offline hold").isNotNull();
            assertThat(web.owner()).isEqualTo(apiNode);
            assertThat(web.live()).isFalse();
            assertThat(presence().get("held-2").deviceStatuses()).containsOnlyKeys("phone");
        } finally {
            lease.cancel(false);
        }
    }

    @Test
    void theSweeperEndsAHeldSessionWhoseNodeHasNoLease() {
        long apiNode = 103;
        writes.takeOver(update("held-3", PresenceStatus.BUSY), apiNode);
        assertThat(presence().get("held-3").deviceStatuses()).containsOnlyKeys("phone");

        await().atMost(Duration.ofSeconds(SWEEP_SECONDS + TTL_SECONDS + 5)).pollInterval(Duration.ofMillis(200))
                .until(() -> presence().get("held-3").deviceStatuses().isEmpty());
        assertThat(presence().get("held-3").reason()).isEqualTo(ChangeReason.EXPIRED);
        assertThat(sessions().get(new DeviceSessionKey("held-3", "phone"))).isNull();
    }

    private static ScheduledFuture<?> writeLeaseOf(long apiNode) {
        leases().put(apiNode, Instant.now().toEpochMilli());
        return leaseWriters.scheduleAtFixedRate(() -> leases().put(apiNode, Instant.now().toEpochMilli()), 500, 500,
                TimeUnit.MILLISECONDS);
    }

    private static PresenceUpdate update(String userId, PresenceStatus status) {
        return new PresenceUpdate(userId, "phone", status, null, ChangeReason.UPDATE);
    }

    private static IgniteCache<Long, Long> leases() {
        return node.cache(CacheNames.API_NODE_LEASE);
    }

    private static IgniteCache<String, UserPresence> presence() {
        return node.cache(CacheNames.PRESENCE);
    }

    private static IgniteCache<DeviceSessionKey, DeviceSession> sessions() {
        return node.cache(CacheNames.DEVICE_SESSION);
    }
}
