package io.presencegrid.bench;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceCaches;
import io.presencegrid.schema.PresenceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The design's own tax: the same closed-loop puts as {@link FairPutCeiling}, but of the product's
 * session key and value into a copy of DEVICE_SESSION's configuration (ATOMIC, in the in-memory live
 * region, with its SQL table, its expiry policy, its key and value classes). Set against the fair
 * ceiling, it shows what those choices cost a write before any of the update's own logic runs: the
 * heartbeat's one write is an entry processor on such a session.
 */
final class SessionCachePuts {

    /**
     * Created for the run and destroyed at its end, after every other phase: never one of the product's
     * caches. Dropped right after its own phase, it once left the system thread that freed its pages
     * holding two page write locks of the live region, on all three nodes at once, and the next phase's
     * new sessions waited on them past their 30 s. At the end nothing waits behind the drop.
     */
    static final String CACHE_NAME = "bench_session_put";

    /** Users whose sessions the threads overwrite in turn: a heartbeat updates an existing session. */
    static final int USERS = 100_000;

    /**
     * Longer than any run, so that no loaded session expires while the puts are timed (the expired
     * ones would be removed meanwhile and the next put to them would be an insert). An entry with any
     * TTL costs the same: its expire time and its row in the expiry tree.
     */
    private static final int TTL_SECONDS = 3_600;

    private SessionCachePuts() {
    }

    /**
     * The one place that builds the product's session key and value: when the schema's classes change,
     * only this changes.
     */
    static Map.Entry<DeviceSessionKey, DeviceSession> sessionEntry(String userId) {
        return Map.entry(new DeviceSessionKey(userId, "phone"), new DeviceSession(PresenceStatus.ONLINE, Instant.now()));
    }

    /** How long the run waits for the drop before it says it did not finish and goes on. */
    static final Duration DROP_PATIENCE = Duration.ofSeconds(60);

    /** Creates the cache, loads a session per user, puts for {@code warmUp}, then for {@code measured}; {@link #drop} removes it. */
    static PutLoop.Measured measure(Ignite ignite, Duration warmUp, Duration measured, int threads, CpuMeter cpu) {
        return measure(ignite, USERS, warmUp, measured, threads, cpu);
    }

    /** As above over {@code users} users: tests run it small. */
    static PutLoop.Measured measure(Ignite ignite, int users, Duration warmUp, Duration measured, int threads, CpuMeter cpu) {
        IgniteCache<DeviceSessionKey, DeviceSession> cache = ignite.getOrCreateCache(cacheConfiguration());
        String[] userIds = userIds(users);
        load(ignite, userIds);
        // Each thread owns every threads-th user, so no two threads ever wait for each other's lock.
        PutLoop.Put put = (thread, n) -> {
            Map.Entry<DeviceSessionKey, DeviceSession> session = sessionEntry(userIds[(int) ((thread + n * threads) % userIds.length)]);
            cache.put(session.getKey(), session.getValue());
        };
        PutLoop.Measured result = PutLoop.warmThenMeasure(threads, warmUp, measured, cpu, put);
        System.out.printf(Locale.ROOT, "  session-cache puts: %s (DEVICE_SESSION's configuration, %d threads, %d s warm-up,"
                        + " %d s measured); CPU per put %s%n", result.puts().summary(), threads, warmUp.toSeconds(),
                measured.toSeconds(), result.cpu().summary());
        return result;
    }

    /**
     * Destroys the cache if it exists, waiting at most {@code patience}: a drop that hangs is reported,
     * not waited on for ever, so the run still prints its figures. True when the cache is gone.
     */
    static boolean drop(Ignite ignite, Duration patience) throws InterruptedException {
        CompletableFuture<Void> dropped = CompletableFuture.runAsync(() -> ignite.destroyCache(CACHE_NAME),
                task -> DaemonThreads.named("bench-session-copy-drop").newThread(task).start());
        try {
            dropped.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillDropping) {
            return false;
        } catch (ExecutionException failed) {
            throw new IllegalStateException("could not destroy " + CACHE_NAME, failed.getCause());
        }
    }

    /**
     * DEVICE_SESSION's own configuration (PresenceCaches). Two differences, both needed to create it
     * beside the real cache: its own SQL table name, and no cache group, so that destroying it drops its
     * own partition files instead of deleting its entries one by one from partitions shared with live data.
     */
    static CacheConfiguration<DeviceSessionKey, DeviceSession> cacheConfiguration() {
        CacheConfiguration<DeviceSessionKey, DeviceSession> configuration = PresenceCaches.deviceSession(TTL_SECONDS);
        configuration.setName(CACHE_NAME);
        configuration.setGroupName(null);
        for (QueryEntity table : configuration.getQueryEntities()) {
            table.setTableName(CACHE_NAME.toUpperCase(Locale.ROOT));
        }
        return configuration;
    }

    private static String[] userIds(int count) {
        String[] userIds = new String[count];
        for (int i = 0; i < count; i++) {
            userIds[i] = String.format("user-%07d", i);
        }
        return userIds;
    }

    private static void load(Ignite ignite, String[] userIds) {
        try (IgniteDataStreamer<DeviceSessionKey, DeviceSession> streamer = ignite.dataStreamer(CACHE_NAME)) {
            for (String userId : userIds) {
                Map.Entry<DeviceSessionKey, DeviceSession> session = sessionEntry(userId);
                streamer.addData(session.getKey(), session.getValue());
            }
        }
    }
}
