package io.presencegrid.tasks.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChangeReason;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.testing.GridTestCluster;
import io.presencegrid.testing.JavaServerNodes;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats take a short path (a compare-and-set of the session, no lock on the user) while changes
 * take the locked transaction. On a 3-node grid (backups=2): a heartbeat refreshes only the session,
 * and heartbeats racing a device's sign-off or its session vanishing behind PRESENCE's back never leave
 * PRESENCE listing a device without a live session or missing one that has.
 */
class HeartbeatIT {

    private static final List<String> DEVICES = List.of("phone", "web");

    /** One sign-off, one vanishing session and the rest heartbeats, all let go at once. */
    private static final int RACERS = 6;

    private static GridTestCluster grid;
    private static Ignite node;

    @BeforeAll
    static void startGrid() {
        grid = GridTestCluster.create("heartbeat", JavaServerNodes::configuration).startActive(3);
        node = grid.node(0);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void aHeartbeatRestartsTheSessionAndLeavesPresenceAsItWas() throws InterruptedException {
        PresenceSnapshot first = update("steady", "phone", PresenceStatus.ONLINE);
        UserPresence before = presence().get("steady");
        Thread.sleep(5);

        PresenceSnapshot heartbeat = update("steady", "phone", PresenceStatus.ONLINE);

        UserPresence after = presence().get("steady");
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        DeviceSession session = sessions().get(new DeviceSessionKey("steady", "phone"));
        assertThat(session.lastActiveAt()).isAfter(first.sessionActivity().get("phone"));
        assertThat(heartbeat.sessionActivity()).containsEntry("phone", session.lastActiveAt());
        assertThat(heartbeat.presence().version()).isEqualTo(before.version());
    }

    @Test
    void aHeartbeatWhoseSessionVanishedUnnoticedBringsTheSessionBack() {
        update("lapsed", "phone", PresenceStatus.BUSY);
        // As an expiry looks before the expiry listener has reconciled PRESENCE.
        sessions().remove(new DeviceSessionKey("lapsed", "phone"));

        update("lapsed", "phone", PresenceStatus.BUSY);

        assertThat(sessions().get(new DeviceSessionKey("lapsed", "phone")).status()).isEqualTo(PresenceStatus.BUSY);
        assertThat(presence().get("lapsed").devices()).containsExactly(Map.entry("phone", PresenceStatus.BUSY));
    }

    @Test
    void aHeartbeatCarryingANewMessageIsAChange() {
        update("talker", "phone", PresenceStatus.ONLINE);
        long version = presence().get("talker").version();

        node.compute().affinityCall(List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION), "talker",
                new UpdatePresenceJob(new PresenceUpdate("talker", "phone", PresenceStatus.ONLINE, "lunch", ChangeReason.UPDATE)));

        assertThat(presence().get("talker").message()).isEqualTo("lunch");
        assertThat(presence().get("talker").version()).isGreaterThan(version);
    }

    @Test
    void heartbeatsRacingASignOffOrAVanishingSessionLeavePresenceMatchingTheLiveSessions() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < 150; round++) {
                String user = "race-" + (round % 3);
                update(user, "phone", PresenceStatus.ONLINE);
                update(user, "web", PresenceStatus.AWAY);
                String device = round % 2 == 0 ? "phone" : "web";
                PresenceStatus status = sessions().get(new DeviceSessionKey(user, device)).status();
                CyclicBarrier start = new CyclicBarrier(RACERS);
                List<Future<?>> racers = new ArrayList<>();
                for (int r = 0; r < RACERS; r++) {
                    int racer = r;
                    racers.add(threads.submit(() -> {
                        start.await();
                        if (racer == 0) {
                            update(user, device, PresenceStatus.OFFLINE);
                        } else if (racer == 1) {
                            // Gone without the user's lock, as an expiry removes a session; then what the
                            // expiry listener runs.
                            sessions().remove(new DeviceSessionKey(user, device));
                            new UserPresenceStore(node, UserPresenceStore.MILLISECOND_CLOCK).reconcile(user, ChangeReason.EXPIRED, null);
                        } else {
                            update(user, device, status);
                        }
                        return null;
                    }));
                }
                for (Future<?> racer : racers) {
                    racer.get(30, TimeUnit.SECONDS);
                }
                assertPresenceMatchesLiveSessions(user, "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertPresenceMatchesLiveSessions(String user, String when) {
        Map<String, PresenceStatus> liveSessions = new TreeMap<>();
        for (String device : DEVICES) {
            DeviceSession session = sessions().get(new DeviceSessionKey(user, device));
            if (session != null) {
                liveSessions.put(device, session.status());
            }
        }
        UserPresence presence = presence().get(user);
        assertThat(presence.devices()).as("devices PRESENCE lists for %s after %s", user, when).isEqualTo(liveSessions);
        assertThat(presence.status()).isEqualTo(PresenceRules.aggregate(liveSessions.values()));
    }

    private static PresenceSnapshot update(String userId, String device, PresenceStatus status) {
        return node.compute().affinityCall(List.of(CacheNames.PRESENCE, CacheNames.DEVICE_SESSION), userId,
                new UpdatePresenceJob(new PresenceUpdate(userId, device, status, null, ChangeReason.UPDATE)));
    }

    private static IgniteCache<String, UserPresence> presence() {
        return node.cache(CacheNames.PRESENCE);
    }

    private static IgniteCache<DeviceSessionKey, DeviceSession> sessions() {
        return node.cache(CacheNames.DEVICE_SESSION);
    }
}
