package io.presencegrid.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.FollowedUsers;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.Subscription;
import io.presencegrid.schema.SubscriptionKey;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import io.presencegrid.tasks.presence.PresenceUpdate;
import io.presencegrid.tasks.presence.PresenceWrites;
import io.presencegrid.tasks.retention.PurgeResult;
import io.presencegrid.tasks.retention.RetentionPurge;
import io.presencegrid.tasks.retention.RetentionPurgeTask;
import io.presencegrid.tasks.stats.PresenceStats;
import io.presencegrid.tasks.stats.PresenceStatsTask;
import io.presencegrid.tasks.subscription.SubscriptionChange;
import io.presencegrid.tasks.subscription.SubscriptionLedger;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.node.ServerAssembly;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The grid tasks on a 3-node grid where every row has three copies (backups=2): statistics count each
 * row once, and the retention purge removes exactly the inactive users, with their subscriptions.
 */
class GridTasksIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static GridTestCluster grid;
    private static Ignite node;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("grid-tasks", ServerAssembly::configuration).startActive(3);
        node = grid.node(0);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @BeforeEach
    void emptyCaches() {
        List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION, CacheNames.SUBSCRIPTION, CacheNames.SUBSCRIBER_INDEX)
                .forEach(name -> node.cache(name).clear());
    }

    @Test
    void statsCountEveryUserAndSessionOnceAlthoughEachHasThreeCopies() {
        update("on1", "phone", PresenceStatus.ONLINE);
        update("on1", "tablet", PresenceStatus.ONLINE);
        update("on2", "web", PresenceStatus.ONLINE);
        update("aw1", "web", PresenceStatus.AWAY);
        update("bu1", "phone", PresenceStatus.BUSY);
        update("bu1", "web", PresenceStatus.ONLINE);
        update("in1", "phone", PresenceStatus.INVISIBLE);
        update("off1", "phone", PresenceStatus.OFFLINE);
        update("off2", "web", PresenceStatus.OFFLINE);
        update("off3", "web", PresenceStatus.ONLINE);
        update("off3", "web", PresenceStatus.OFFLINE);
        assertThat(node.cache(CacheNames.PRESENCE).size(CachePeekMode.ALL)).as("copies of the 8 rows").isEqualTo(24);

        PresenceStats stats = node.compute().execute(PresenceStatsTask.class, null);

        assertThat(stats.getUsers()).isEqualTo(8);
        assertThat(stats.getSessions()).isEqualTo(7);
        assertThat(stats.getByStatus()).containsExactly(Map.entry("online", 2L), Map.entry("away", 1L),
                Map.entry("busy", 1L), Map.entry("invisible", 1L), Map.entry("offline", 3L));
        assertThat(stats.getByDevice()).containsExactly(Map.entry("phone", 3L), Map.entry("web", 3L), Map.entry("tablet", 1L));
        assertThat(stats.getOtherDevices()).isZero();
    }

    @Test
    void purgeRemovesExactlyTheInactiveUsersWithTheirSubscriptionsInBothRoles() {
        seed("old1", NOW.minus(Duration.ofDays(100)));
        seed("old2", NOW.minus(Duration.ofDays(91)));
        seed("recent", NOW.minus(Duration.ofDays(10)));
        seedOldButLive("old-but-live", NOW.minus(Duration.ofDays(100)));
        update("fan", "phone", PresenceStatus.ONLINE);
        SubscriptionLedger ledger = new SubscriptionLedger(node, PresenceClock.MILLISECONDS);
        ledger.subscribe("fan", List.of("old1", "recent", "old-but-live"));
        ledger.subscribe("old1", List.of("recent", "fan"));

        PurgeResult result = node.services().serviceProxy(RetentionPurge.SERVICE_NAME, RetentionPurge.class, false)
                .purgeOlderThan(90);

        assertThat(result.purged()).isEqualTo(2);
        assertThat(result.cutoff()).isBetween(NOW.minus(Duration.ofDays(90)), Instant.now().minus(Duration.ofDays(90)));
        IgniteCache<String, UserPresence> presence = node.cache(CacheNames.PRESENCE);
        assertThat(presence.containsKey("old1")).isFalse();
        assertThat(presence.containsKey("old2")).isFalse();
        assertThat(presence.containsKey("recent")).isTrue();
        assertThat(presence.containsKey("fan")).isTrue();
        assertThat(presence.containsKey("old-but-live")).as("a user with a live session is never purged").isTrue();
        assertThat(subscriptions()).containsExactlyInAnyOrder(
                new SubscriptionKey("recent", "fan"), new SubscriptionKey("old-but-live", "fan"));
        IgniteCache<String, FollowedUsers> index = node.cache(CacheNames.SUBSCRIBER_INDEX);
        assertThat(index.get("fan").userIds()).containsExactly("old-but-live", "recent");
        assertThat(index.containsKey("old1")).isFalse();
    }

    @Test
    void usersWhoFollowEachOtherArePurgedTogetherWithoutDeadlock() {
        SubscriptionLedger ledger = new SubscriptionLedger(node, PresenceClock.MILLISECONDS);
        List<String> pals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pals.add("pal" + i);
            seed("pal" + i, NOW.minus(Duration.ofDays(120)));
        }
        // Everyone follows everyone: every delete touches the index entries of all the others.
        for (String pal : pals) {
            ledger.subscribe(pal, pals.stream().filter(other -> !other.equals(pal)).toList());
        }

        long started = System.nanoTime();
        Long purged = node.compute().execute(RetentionPurgeTask.class, NOW.minus(Duration.ofDays(90)).toEpochMilli());

        assertThat(purged).isEqualTo(30);
        assertThat(subscriptions()).isEmpty();
        assertThat(node.cache(CacheNames.SUBSCRIBER_INDEX).size()).isZero();
        // A deadlock would only end at the 10 s transaction timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void racingSubscribesOfOneSubscriberNeverPassTheLimitAndRowsMatchTheIndex() throws Exception {
        SubscriptionLedger ledger = new SubscriptionLedger(node, PresenceClock.MILLISECONDS);
        // Eight requests of 200 new users each: any five fit under the limit of 1,000, eight do not.
        ExecutorService requests = Executors.newFixedThreadPool(8);
        List<Future<SubscriptionChange>> changes = new ArrayList<>();
        for (int request = 0; request < 8; request++) {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                users.add("race-" + request + "-" + i);
            }
            changes.add(requests.submit(() -> ledger.subscribe("racer", users)));
        }
        int applied = 0;
        for (Future<SubscriptionChange> change : changes) {
            applied += change.get(60, TimeUnit.SECONDS).overLimit() ? 0 : 1;
        }
        requests.shutdown();

        List<String> followed = ledger.followedBy("racer");
        assertThat(applied).isEqualTo(5);
        assertThat(followed).hasSize(1_000);
        assertThat(subscriptions().stream().filter(key -> key.subscriberId().equals("racer"))
                .map(SubscriptionKey::userId).sorted().toList()).isEqualTo(followed.stream().sorted().toList());
    }

    @Test
    void aSecondPurgeFindsNothingLeftToRemove() {
        seed("old3", NOW.minus(Duration.ofDays(200)));

        Long first = node.compute().execute(RetentionPurgeTask.class,
                NOW.minus(Duration.ofDays(90)).toEpochMilli());
        Long second = node.compute().execute(RetentionPurgeTask.class,
                NOW.minus(Duration.ofDays(90)).toEpochMilli());

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
    }

    private static void update(String userId, String device, PresenceStatus status) {
        new PresenceWrites(node).update(new PresenceUpdate(userId, device, status, null, ChangeReason.UPDATE), DeviceSession.NO_OWNER);
    }

    /** An offline user last seen at {@code lastSeen}: what a user who left that long ago looks like. */
    private static void seed(String userId, Instant lastSeen) {
        node.cache(CacheNames.PRESENCE).put(userId,
                UserPresence.visible(PresenceStatus.OFFLINE, null, Map.of(), lastSeen, lastSeen, 3));
    }

    /** A row whose last-seen is old but whose session is live: the purge must re-check, not trust the date. */
    private static void seedOldButLive(String userId, Instant lastSeen) {
        node.cache(CacheNames.DEVICE_SESSION).put(new DeviceSessionKey(userId, "phone"),
                new DeviceSession(PresenceStatus.ONLINE, NOW));
        node.cache(CacheNames.PRESENCE).put(userId, UserPresence.visible(PresenceStatus.ONLINE, null,
                Map.of("phone", new DeviceState(PresenceStatus.ONLINE, lastSeen)), lastSeen, lastSeen, 3));
    }

    private static List<SubscriptionKey> subscriptions() {
        List<SubscriptionKey> keys = new ArrayList<>();
        IgniteCache<SubscriptionKey, Subscription> cache = node.cache(CacheNames.SUBSCRIPTION);
        for (Cache.Entry<SubscriptionKey, Subscription> row : cache.query(new ScanQuery<SubscriptionKey, Subscription>())) {
            keys.add(row.getKey());
        }
        return keys;
    }
}
