package io.presencegrid.tasks.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.clock.PresenceClock;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.node.ServerAssembly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CachePeekMode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The write path on a 3-node grid (backups=2): a heartbeat rewrites only the device's in-memory session,
 * a change the user's row, each by an entry processor at the primary; endings noticed by the grid
 * (expiry, an API node gone) never take away a device that started again, and reads repair a row whose
 * device lapsed unnoticed.
 */
class PresenceWritesIT {

    private static final List<String> DEVICES = List.of("phone", "web");
    private static final long NODE = 42;

    private static GridTestCluster grid;
    private static Ignite node;
    private static PresenceWrites writes;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("writes", ServerAssembly::configuration).startActive(3);
        node = grid.node(0);
        writes = new PresenceWrites(grid.node(1));
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void aHeartbeatRewritesOnlyTheSession() throws InterruptedException {
        PresenceSnapshot first = update("steady", "phone", PresenceStatus.ONLINE);
        UserPresence before = presence().get("steady");
        Thread.sleep(5);

        PresenceSnapshot heartbeat = update("steady", "phone", PresenceStatus.ONLINE);

        assertThat(presence().get("steady")).as("the row, byte for byte").isEqualTo(before);
        DeviceSession session = sessions().get(new DeviceSessionKey("steady", "phone"));
        assertThat(session.lastActiveAt()).isAfter(first.sessionActivity().get("phone"));
        assertThat(heartbeat.sessionActivity()).containsEntry("phone", session.lastActiveAt());
        assertThat(heartbeat.presence().version()).isEqualTo(before.version());
    }

    @Test
    void aHeartbeatAfterItsSessionLapsedStartsItAgainAndTheRowHearsOfIt() {
        update("lapsed", "phone", PresenceStatus.BUSY);
        Instant rowHeard = presence().get("lapsed").devices().get("phone").lastActiveAt();
        // As an expiry leaves it before the expiry service has ended the device in the row.
        sessions().remove(new DeviceSessionKey("lapsed", "phone"));

        update("lapsed", "phone", PresenceStatus.BUSY);

        assertThat(sessions().get(new DeviceSessionKey("lapsed", "phone")).status()).isEqualTo(PresenceStatus.BUSY);
        UserPresence row = presence().get("lapsed");
        assertThat(row.deviceStatuses()).containsExactly(Map.entry("phone", PresenceStatus.BUSY));
        assertThat(row.devices().get("phone").lastActiveAt()).isAfter(rowHeard);
        assertThat(new UserPresenceStore(node).endIfNoSession("lapsed", "phone", rowHeard, ChangeReason.EXPIRED))
                .as("the old session's notice, arriving late").isFalse();
        assertThat(presence().get("lapsed").deviceStatuses()).containsOnlyKeys("phone");
    }

    @Test
    void aHeartbeatCarryingAMessageIsAChange() {
        update("talker", "phone", PresenceStatus.ONLINE);
        long version = presence().get("talker").version();

        writes.update(new PresenceUpdate("talker", "phone", PresenceStatus.ONLINE, "lunch", ChangeReason.UPDATE), NODE);

        assertThat(presence().get("talker").message()).isEqualTo("lunch");
        assertThat(presence().get("talker").version()).isEqualTo(version + 1);
        assertThat(sessions().get(new DeviceSessionKey("talker", "phone")).owner()).isEqualTo(NODE);
    }

    @Test
    void aSocketsNewStatusWritesSessionAndRowTogetherWithOneStamp() {
        DeviceSessionKey key = new DeviceSessionKey("switcher", "phone");
        writes.takeOver(new PresenceUpdate("switcher", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), NODE);
        UserPresence online = presence().get("switcher");

        PresenceSnapshot busy = writes.change(new PresenceUpdate("switcher", "phone", PresenceStatus.BUSY, null, ChangeReason.UPDATE), NODE);

        DeviceSession session = sessions().get(key);
        assertThat(busy.presence().status()).isEqualTo(PresenceStatus.BUSY);
        assertThat(presence().get("switcher").version()).isEqualTo(online.version() + 1);
        assertThat(session.status()).isEqualTo(PresenceStatus.BUSY);
        assertThat(session.owner()).as("still held by the socket's node").isEqualTo(NODE);
        assertThat(presence().get("switcher").devices().get("phone").lastActiveAt()).isEqualTo(session.lastActiveAt());
    }

    @Test
    void aChangeThatAnotherWriterAlreadyMadeRaisesNoVersion() {
        writes.takeOver(new PresenceUpdate("stale", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), NODE);
        // Through REST: the socket still believes its device online, and sends busy as a change.
        update("stale", "phone", PresenceStatus.BUSY);
        UserPresence busy = presence().get("stale");

        PresenceSnapshot again = writes.change(new PresenceUpdate("stale", "phone", PresenceStatus.BUSY, null, ChangeReason.UPDATE), NODE);

        assertThat(again.presence().version()).isEqualTo(busy.version());
        assertThat(presence().get("stale").deviceStatuses()).containsExactly(Map.entry("phone", PresenceStatus.BUSY));
        assertThat(sessions().get(new DeviceSessionKey("stale", "phone")).owner()).isEqualTo(NODE);
    }

    @Test
    void aRestChangeWhoseSessionRidesABatchStampsSessionAndRowAlikeAndLeavesASocketsHoldInPlace() {
        DeviceSessionKey key = new DeviceSessionKey("rider", "phone");
        writes.takeOver(new PresenceUpdate("rider", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), NODE);
        UserPresence online = presence().get("rider");
        PresenceUpdate away = new PresenceUpdate("rider", "phone", PresenceStatus.AWAY, null, ChangeReason.UPDATE);
        List<BatchedRefresh> batched = new ArrayList<>();

        PresenceSnapshot written = writes.change(away, at -> {
            BatchedRefresh refresh = new BatchedRefresh(away, at);
            batched.add(refresh);
            // In the batch beside a heartbeat of another user, as the API node's batches send it.
            return writes.refreshEach(List.of(refresh, BatchedRefresh.heartbeat(
                    new PresenceUpdate("bystander", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE))), DeviceSession.NO_OWNER).get(key);
        });

        DeviceSession session = sessions().get(key);
        assertThat(written.presence().status()).isEqualTo(PresenceStatus.AWAY);
        assertThat(presence().get("rider").version()).isEqualTo(online.version() + 1);
        assertThat(session.status()).isEqualTo(PresenceStatus.AWAY);
        assertThat(session.lastActiveAt()).as("the change's own stamp").isEqualTo(batched.get(0).activity());
        assertThat(presence().get("rider").devices().get("phone").lastActiveAt()).isEqualTo(session.lastActiveAt());
        assertThat(session.owner()).as("a REST write does not take the socket's session away").isEqualTo(NODE);
        assertThat(sessions().get(new DeviceSessionKey("bystander", "phone"))).as("the heartbeat beside it").isNotNull();
    }

    @Test
    void offlineEndsTheSessionAndTheDeviceTogether() {
        update("leaver", "phone", PresenceStatus.AWAY);

        PresenceSnapshot gone = update("leaver", "phone", PresenceStatus.OFFLINE);

        assertThat(gone.presence().status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(gone.sessionActivity()).isEmpty();
        assertThat(sessions().get(new DeviceSessionKey("leaver", "phone"))).isNull();
    }

    @Test
    void twoDevicesFromManyThreadsLoseNoDeviceAndTheVersionNeverGoesBack() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CyclicBarrier start = new CyclicBarrier(8);
            List<Future<List<Long>>> racers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String device = DEVICES.get(t % 2);
                racers.add(threads.submit(() -> {
                    start.await();
                    List<Long> seen = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        PresenceStatus status = i % 2 == 0 ? PresenceStatus.BUSY : PresenceStatus.AWAY;
                        seen.add(update("crowd", device, status).presence().version());
                    }
                    return seen;
                }));
            }
            for (Future<List<Long>> racer : racers) {
                assertThat(racer.get(60, TimeUnit.SECONDS)).as("versions one thread saw").isSorted();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(presence().get("crowd").deviceStatuses()).containsOnlyKeys(DEVICES);
        // Every copy holds the very row the primary computed: the processors run once, at the primary,
        // and their clock readings travel with the value instead of being taken again on each copy.
        UserPresence primary = null;
        List<UserPresence> copies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            IgniteCache<String, UserPresence> cache = grid.node(i).cache(CacheNames.PRESENCE);
            UserPresence asPrimary = cache.localPeek("crowd", CachePeekMode.PRIMARY);
            primary = asPrimary != null ? asPrimary : primary;
            copies.add(cache.localPeek("crowd", CachePeekMode.PRIMARY, CachePeekMode.BACKUP));
        }
        assertThat(copies).as("the row's three copies").hasSize(3).containsOnly(primary);
    }

    @Test
    void heartbeatsRacingASignOffOrAnEndingAgreeWithTheSessionsByTheNextRefresh() throws Exception {
        Duration ttl = SessionTtl.of(node);
        int racerCount = 6;
        ExecutorService threads = Executors.newFixedThreadPool(racerCount);
        try {
            for (int round = 0; round < 100; round++) {
                String user = "race-" + (round % 3);
                update(user, "phone", PresenceStatus.ONLINE);
                update(user, "web", PresenceStatus.AWAY);
                String device = round % 2 == 0 ? "phone" : "web";
                PresenceStatus status = sessions().get(new DeviceSessionKey(user, device)).status();
                CyclicBarrier start = new CyclicBarrier(racerCount);
                List<Future<?>> racers = new ArrayList<>();
                for (int r = 0; r < racerCount; r++) {
                    int racer = r;
                    racers.add(threads.submit(() -> {
                        start.await();
                        if (racer == 0) {
                            update(user, device, PresenceStatus.OFFLINE);
                        } else if (racer == 1) {
                            // Gone behind the row's back, as an expiry removes a session; then what the
                            // expiry service runs.
                            DeviceSession ended = sessions().getAndRemove(new DeviceSessionKey(user, device));
                            if (ended != null) {
                                new UserPresenceStore(node).endIfNoSession(user, device, ended.lastActiveAt(), ChangeReason.EXPIRED);
                            }
                        } else {
                            update(user, device, status);
                        }
                        return null;
                    }));
                }
                for (Future<?> racer : racers) {
                    racer.get(30, TimeUnit.SECONDS);
                }
                // The next period's refresh of whatever session is left, as a device socket sends it.
                for (String each : DEVICES) {
                    DeviceSession live = sessions().get(new DeviceSessionKey(user, each));
                    if (live != null) {
                        update(user, each, live.status());
                    }
                }
                assertRowAgreesWithLiveSessions(user, "round " + round, ttl);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBatchOfHeartbeatsRefreshesEverySessionAndBringsBackALapsedDevice() {
        List<PresenceUpdate> heartbeats = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            update("batch-" + i, "phone", PresenceStatus.ONLINE);
            heartbeats.add(new PresenceUpdate("batch-" + i, "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE));
        }
        Instant before = PresenceClock.now();
        DeviceSession lapsed = sessions().getAndRemove(new DeviceSessionKey("batch-7", "phone"));
        new UserPresenceStore(node).endIfNoSession("batch-7", "phone", lapsed.lastActiveAt(), ChangeReason.EXPIRED);

        writes.refreshAll(heartbeats, NODE);

        for (int i = 0; i < 40; i++) {
            DeviceSession session = sessions().get(new DeviceSessionKey("batch-" + i, "phone"));
            assertThat(session.lastActiveAt()).as("batch-" + i).isAfterOrEqualTo(before);
            assertThat(session.owner()).isEqualTo(NODE);
        }
        assertThat(presence().get("batch-7").status()).isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void aBatchOfSocketRefreshesAnswersOnlyForTheRowsThatMustBeToldAndCarriesNoRowBack() {
        Map<DeviceSessionKey, RefreshSession> refreshes = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            update("quiet-" + i, "phone", PresenceStatus.ONLINE);
            refreshes.put(new DeviceSessionKey("quiet-" + i, "phone"), RefreshSession.keepingStatus(PresenceStatus.ONLINE, NODE));
        }
        sessions().remove(new DeviceSessionKey("quiet-3", "phone"));

        var answers = grid.node(1)
                .<DeviceSessionKey, DeviceSession>cache(CacheNames.DEVICE_SESSION).invokeAll(refreshes);

        DeviceSessionKey lapsedKey = new DeviceSessionKey("quiet-3", "phone");
        assertThat(answers).as("only the lapsed session owes the row a write").containsOnlyKeys(lapsedKey);
        // Batch results arrive as binary objects (PresenceWrites says why); Object keeps javac from casting.
        Object answer = answers.get(lapsedKey).get();
        SessionRefreshed lapsed = answer instanceof BinaryObject binary ? binary.deserialize() : (SessionRefreshed) answer;
        assertThat(lapsed.sessionStarted()).isTrue();
        assertThat(lapsed.rowAgrees()).isFalse();
        assertThat(lapsed.row()).as("the socket's node never needs the row").isNull();
    }

    @Test
    void aSocketRefreshQueuedBeforeAStatusChangeDoesNotUndoIt() {
        update("frame", "phone", PresenceStatus.ONLINE);
        // The refresher took the socket's status, then a status frame changed the device before the batch ran.
        PresenceUpdate queued = new PresenceUpdate("frame", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE);
        update("frame", "phone", PresenceStatus.AWAY);
        UserPresence changed = presence().get("frame");

        writes.refreshAll(List.of(queued), NODE);

        assertThat(presence().get("frame")).as("the row, byte for byte").isEqualTo(changed);
        assertThat(sessions().get(new DeviceSessionKey("frame", "phone")).status()).isEqualTo(PresenceStatus.AWAY);
    }

    @Test
    void aSocketRefreshStartsALapsedSessionAgainWithTheSocketsStatus() {
        update("relapse", "phone", PresenceStatus.BUSY);
        DeviceSession lapsed = sessions().getAndRemove(new DeviceSessionKey("relapse", "phone"));
        new UserPresenceStore(node).endIfNoSession("relapse", "phone", lapsed.lastActiveAt(), ChangeReason.EXPIRED);

        writes.refreshAll(List.of(new PresenceUpdate("relapse", "phone", PresenceStatus.BUSY, null, ChangeReason.UPDATE)), NODE);

        assertThat(sessions().get(new DeviceSessionKey("relapse", "phone")).status()).isEqualTo(PresenceStatus.BUSY);
        assertThat(presence().get("relapse").status()).isEqualTo(PresenceStatus.BUSY);
    }

    @Test
    void anOfflineOfADeviceASocketHoldsOutlastsTheSocketsRefreshesUntilTheDeviceSendsAnotherStatus() {
        writes.takeOver(new PresenceUpdate("holder", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), NODE);
        DeviceSessionKey key = new DeviceSessionKey("holder", "phone");

        // Through REST, with no socket: the socket's node keeps holding the session, offline.
        update("holder", "phone", PresenceStatus.OFFLINE);
        UserPresence offline = presence().get("holder");
        PresenceUpdate socketsStatus = new PresenceUpdate("holder", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE);
        writes.refreshAll(List.of(socketsStatus), NODE);
        writes.refreshAll(List.of(socketsStatus), NODE);

        assertThat(offline.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(presence().get("holder")).as("the row, byte for byte, after two refreshes").isEqualTo(offline);
        assertThat(sessions().get(key).status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(sessions().get(key).owner()).isEqualTo(NODE);
        assertThat(new UserPresenceStore(node).read("holder").sessionActivity()).as("a hold is no live session").isEmpty();

        writes.update(new PresenceUpdate("holder", "phone", PresenceStatus.AWAY, null, ChangeReason.UPDATE), NODE);

        assertThat(presence().get("holder").deviceStatuses()).containsExactly(Map.entry("phone", PresenceStatus.AWAY));
        assertThat(presence().get("holder").version()).isEqualTo(offline.version() + 1);
    }

    @Test
    void anOfflineOfADeviceNoSocketHoldsEndsItsSession() {
        update("resting", "phone", PresenceStatus.BUSY);

        update("resting", "phone", PresenceStatus.OFFLINE);

        assertThat(sessions().get(new DeviceSessionKey("resting", "phone"))).isNull();
        assertThat(presence().get("resting").status()).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void aReleasedSessionIsTakenOverWithinTheGraceAndOtherwiseEndsWithReasonDisconnect() {
        DeviceSessionKey key = new DeviceSessionKey("reload", "web");
        writes.takeOver(new PresenceUpdate("reload", "web", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), NODE);
        writes.update(new PresenceUpdate("reload", "web", PresenceStatus.AWAY, "lunch", ChangeReason.UPDATE), NODE);
        UserPresence away = presence().get("reload");

        writes.release("reload", "web", NODE, Duration.ofSeconds(30));
        writes.refreshAll(List.of(new PresenceUpdate("reload", "web", PresenceStatus.ONLINE, null, ChangeReason.UPDATE)), NODE);
        assertThat(sessions().get(key).released()).as("a refresh the releasing node queued earlier leaves it").isTrue();
        // The reloaded page's socket, on another API node.
        PresenceSnapshot continued = writes.takeOver(
                new PresenceUpdate("reload", "web", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), NODE + 1);

        assertThat(presence().get("reload")).as("the row, byte for byte").isEqualTo(away);
        assertThat(continued.presence().deviceStatuses()).containsExactly(Map.entry("web", PresenceStatus.AWAY));
        assertThat(sessions().get(key).owner()).isEqualTo(NODE + 1);
        writes.release("reload", "web", NODE, Duration.ofSeconds(30));
        assertThat(sessions().get(key).owner()).as("a node that no longer holds it releases nothing").isEqualTo(NODE + 1);

        writes.release("reload", "web", NODE + 1, Duration.ofSeconds(1));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> presence().get("reload").deviceCount() == 0);
        UserPresence gone = presence().get("reload");
        assertThat(gone.reason()).isEqualTo(ChangeReason.DISCONNECT);
        assertThat(gone.version()).isEqualTo(away.version() + 1);
        assertThat(sessions().get(key)).isNull();
    }

    @Test
    void aSocketReleasedWithoutGraceEndsItsDeviceAtOnce() {
        writes.takeOver(new PresenceUpdate("abrupt", "phone", PresenceStatus.ONLINE, null, ChangeReason.UPDATE), NODE);

        writes.release("abrupt", "phone", NODE, Duration.ZERO);

        assertThat(sessions().get(new DeviceSessionKey("abrupt", "phone"))).isNull();
        assertThat(presence().get("abrupt").status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(presence().get("abrupt").reason()).isEqualTo(ChangeReason.DISCONNECT);
    }

    @Test
    void aReadEndsADeviceThatLapsedUnnoticedSoNoReaderSeesAGhost() {
        Instant seen = PresenceClock.now().minus(Duration.ofMinutes(3));
        // As a full restart leaves it (sessions live in memory), or an expiry notice lost with its primary.
        presence().put("ghost", UserPresence.visible(PresenceStatus.ONLINE, null,
                Map.of("tablet", new DeviceState(PresenceStatus.ONLINE, seen)), seen, seen, 5));

        PresenceSnapshot read = node.compute().affinityCall(List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION),
                "ghost", new ReadPresenceJob("ghost"));

        assertThat(read.presence().status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(read.presence().lastSeenAt()).isEqualTo(seen);
        assertThat(read.presence().version()).isEqualTo(6);
        assertThat(read.presence().reason()).isEqualTo(ChangeReason.EXPIRED);
    }

    /**
     * Every live session's device is in the row with its status. The row may still list a device whose
     * session a sign-off removed while a heartbeat raced it, but only as a device last heard of moments
     * ago: it lapses a TTL after that, as any device a TTL after its last refresh, and then the sweeper or
     * the next read ends it. Never a device the row would keep beyond that.
     */
    private static void assertRowAgreesWithLiveSessions(String user, String when, Duration ttl) {
        Map<String, PresenceStatus> liveSessions = new TreeMap<>();
        for (String device : DEVICES) {
            DeviceSession session = sessions().get(new DeviceSessionKey(user, device));
            if (session != null && session.live()) {
                liveSessions.put(device, session.status());
            }
        }
        UserPresence row = presence().get(user);
        assertThat(row.deviceStatuses()).as("devices the row lists for %s after %s", user, when).containsAllEntriesOf(liveSessions);
        Instant now = PresenceClock.now();
        row.devices().forEach((device, state) -> {
            if (!liveSessions.containsKey(device)) {
                assertThat(state.lastActiveAt().plus(ttl)).as("%s/%s without a session, after %s", user, device, when)
                        .isAfter(now);
            }
        });
    }

    private static PresenceSnapshot update(String userId, String device, PresenceStatus status) {
        return writes.update(new PresenceUpdate(userId, device, status, null, ChangeReason.UPDATE), DeviceSession.NO_OWNER);
    }

    private static IgniteCache<String, UserPresence> presence() {
        return node.cache(CacheNames.PRESENCE);
    }

    private static IgniteCache<DeviceSessionKey, DeviceSession> sessions() {
        return node.cache(CacheNames.DEVICE_SESSION);
    }
}
