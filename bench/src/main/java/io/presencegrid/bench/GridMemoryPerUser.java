package io.presencegrid.bench;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.DeviceState;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.stats.NodeRegionUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Off-heap grid memory per online user (bench phase e.): loads {@code users} users into the real
 * PRESENCE and DEVICE_SESSION caches (one online {@code phone} session each, real values), reads the
 * persistent and in-memory data regions of every server node before and after, and divides the growth by the users and
 * by the copies each entry has (backups + 1). Then it removes the users again. Their ids start with
 * {@code memuser-}, so the bench never touches a real user.
 *
 * <p>The figure is the region's used size, {@link NodeRegionUsage#getUsedBytes()}: pages allocated minus
 * the empty pages waiting for reuse, times the page size. It counts every page the entries take (data
 * pages, the primary-key and expiry trees, the SQL indexes) whether the page is in RAM or was written
 * out to disk for lack of room, and it grows when emptied pages are reused. The alternatives miss:
 * the allocated size never shrinks when entries are removed, so on a cluster that once held more data
 * it does not grow at all; the physical (in-RAM) size stops at the region's maxSize once pages are
 * replaced to disk, which 1M users do on the default 256 MB regions. Ignite's docs, "JMX Metrics",
 * "Monitoring the Amount of Data" (ignite.apache.org/docs/latest/monitoring-metrics/metrics;
 * source apache/ignite docs/_docs/monitoring-metrics/metrics.adoc): TotalAllocatedSize "does not
 * decrease when you remove entries", TotalUsedPages are "the number of data pages that are currently in
 * use", PhysicalMemorySize "the size of the allocated space in RAM". The used size is a cost in whole
 * pages, not the bytes of data inside them: the memory a user really takes.
 *
 * <p>Every partition keeps its own data pages, so with only a few users per partition (1024 partitions
 * per cache group) the last, part-filled page of each weighs on the figure: small runs read high. Quote
 * runs of 100,000 users or more.
 *
 * <p>Usage: {@code GridMemoryPerUser <discovery addresses> <users>}. Last line:
 * {@code grid_bytes_per_user_copy=N presence_bytes=N session_bytes=N} (bytes per user per copy).
 */
public final class GridMemoryPerUser {

    static final String USER_PREFIX = "memuser-";
    static final String DEVICE = "phone";

    /**
     * The sessions are written with this TTL instead of the cache's (60 s by default): a million of them
     * take longer than a minute to load, and expiring during the measurement would shrink the figure and
     * set the expiry service rewriting every user's presence. An entry with any TTL costs the same (its
     * expire time and its row in the expiry tree), so the figure is that of a real session. The data
     * streamer cannot do this: it applies the cache's own expiry policy, so the sessions are put in
     * batches; PRESENCE, which does not expire, is streamed.
     */
    static final Duration SESSION_TTL = new Duration(TimeUnit.MINUTES, 30);

    private static final int BATCH = 1_000;
    private static final int LOADERS = 4;

    private GridMemoryPerUser() {
    }

    /** Used bytes of the presence region, summed over the server nodes, at each step; figures per user per copy. */
    public record Result(int users, int copies, long usedBefore, long usedWithSessions, long usedWithPresence,
                         long usedAfterRemoval) {

        public double sessionBytesPerUserCopy() {
            return (double) (usedWithSessions - usedBefore) / users / copies;
        }

        public double presenceBytesPerUserCopy() {
            return (double) (usedWithPresence - usedWithSessions) / users / copies;
        }

        public double bytesPerUserCopy() {
            return (double) (usedWithPresence - usedBefore) / users / copies;
        }

        public String machineLine() {
            return String.format(Locale.ROOT, "grid_bytes_per_user_copy=%d presence_bytes=%d session_bytes=%d",
                    Math.round(bytesPerUserCopy()), Math.round(presenceBytesPerUserCopy()),
                    Math.round(sessionBytesPerUserCopy()));
        }
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: GridMemoryPerUser <discovery addresses> <users>");
            System.exit(2);
        }
        Result result;
        try (BenchClientNode client = BenchClientNode.join(args[0])) {
            result = measure(client.ignite(), Integer.parseInt(args[1]));
        }
        System.exit(result.bytesPerUserCopy() > 0 ? 0 : 1);
    }

    public static Result measure(Ignite ignite, int users) {
        if (users < 1 || users > 9_999_999) {
            throw new IllegalArgumentException("users must be 1..9999999, was " + users);
        }
        IgniteCache<String, UserPresence> presence = ignite.cache(CacheNames.PRESENCE);
        IgniteCache<DeviceSessionKey, DeviceSession> sessions = ignite.cache(CacheNames.DEVICE_SESSION);
        int copies = copies(ignite, presence);
        if (presence.containsKey(userId(0)) || sessions.containsKey(sessionKey(0))) {
            System.out.println("removing bench users left by an earlier run");
            remove(presence, sessions, users);
        }
        primePartitions(ignite, presence, sessions);

        long before = usedBytes(ignite);
        long withSessions;
        long withPresence;
        try {
            loadSessions(sessions, users);
            withSessions = usedBytes(ignite);
            loadPresence(ignite, users);
            withPresence = usedBytes(ignite);
        } finally {
            remove(presence, sessions, users);
        }
        Result result = new Result(users, copies, before, withSessions, withPresence, usedBytes(ignite));
        print(result);
        return result;
    }

    static String userId(int index) {
        return String.format("%s%07d", USER_PREFIX, index);
    }

    static DeviceSessionKey sessionKey(int index) {
        return new DeviceSessionKey(userId(index), DEVICE);
    }

    /** Copies of each entry: backups + 1, unless fewer server nodes are there to hold them. */
    private static int copies(Ignite ignite, IgniteCache<String, UserPresence> presence) {
        @SuppressWarnings("unchecked")
        int backups = presence.getConfiguration(CacheConfiguration.class).getBackups();
        return Math.min(backups + 1, ignite.cluster().forServers().nodes().size());
    }

    /**
     * A partition's storage (its trees, free lists, metadata pages) is set up on its first write. On a
     * fresh cluster those pages would land in the figure and dwarf a small run; a real cluster pays them
     * once. So one offline user with one session per partition is written and removed before "before".
     * Offline with no device: the presence sweeper has nothing to reconcile.
     */
    private static void primePartitions(Ignite ignite, IgniteCache<String, UserPresence> presence,
                                        IgniteCache<DeviceSessionKey, DeviceSession> sessions) {
        Affinity<String> affinity = ignite.affinity(CacheNames.PRESENCE);
        String[] onePerPartition = new String[affinity.partitions()];
        int missing = onePerPartition.length;
        for (int n = 0; missing > 0; n++) {
            String userId = USER_PREFIX + "prime-" + n;
            int partition = affinity.partition(userId);
            if (onePerPartition[partition] == null) {
                onePerPartition[partition] = userId;
                missing--;
            }
        }
        Instant now = Instant.now();
        TreeMap<String, UserPresence> rows = new TreeMap<>();
        TreeMap<DeviceSessionKey, DeviceSession> live = new TreeMap<>(Comparator.comparing(DeviceSessionKey::userId));
        for (String userId : onePerPartition) {
            rows.put(userId, UserPresence.visible(PresenceStatus.OFFLINE, null, Map.of(), now, now, 1));
            live.put(new DeviceSessionKey(userId, DEVICE), new DeviceSession(PresenceStatus.OFFLINE, now));
        }
        sessions.withExpiryPolicy(new ModifiedExpiryPolicy(SESSION_TTL)).putAll(live);
        presence.putAll(rows);
        presence.removeAll(rows.keySet());
        sessions.removeAll(live.keySet());
    }

    /** Batches of {@link #BATCH}, each one putAll, from {@link #LOADERS} threads. */
    private static void loadSessions(IgniteCache<DeviceSessionKey, DeviceSession> sessions, int users) {
        IgniteCache<DeviceSessionKey, DeviceSession> withTtl = sessions.withExpiryPolicy(new ModifiedExpiryPolicy(SESSION_TTL));
        long started = System.nanoTime();
        inBatches(users, first -> {
            Instant now = Instant.now();
            TreeMap<DeviceSessionKey, DeviceSession> batch = new TreeMap<>(Comparator.comparing(DeviceSessionKey::userId));
            for (int i = first; i < Math.min(first + BATCH, users); i++) {
                batch.put(sessionKey(i), new DeviceSession(PresenceStatus.ONLINE, now));
            }
            withTtl.putAll(batch);
        });
        System.out.printf(Locale.ROOT, "loaded %d sessions in %.1f s%n", users, (System.nanoTime() - started) / 1e9);
    }

    /** A data streamer: fresh keys, so allowOverwrite stays false and entries go straight to their nodes. */
    private static void loadPresence(Ignite ignite, int users) {
        long started = System.nanoTime();
        try (IgniteDataStreamer<String, UserPresence> streamer = ignite.dataStreamer(CacheNames.PRESENCE)) {
            Instant now = Instant.now();
            for (int i = 0; i < users; i++) {
                streamer.addData(userId(i), UserPresence.visible(PresenceStatus.ONLINE, null,
                        Map.of(DEVICE, new DeviceState(PresenceStatus.ONLINE, now)), now, now, 1));
            }
        }
        System.out.printf(Locale.ROOT, "streamed %d presence rows in %.1f s%n", users, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Presence first, then the sessions: the other way round the sweeper would find online users without
     * a session and rewrite them as offline while the removal runs.
     */
    private static void remove(IgniteCache<String, UserPresence> presence,
                               IgniteCache<DeviceSessionKey, DeviceSession> sessions, int users) {
        inBatches(users, first -> {
            TreeSet<String> batch = new TreeSet<>();
            for (int i = first; i < Math.min(first + BATCH, users); i++) {
                batch.add(userId(i));
            }
            presence.removeAll(batch);
        });
        inBatches(users, first -> {
            TreeSet<DeviceSessionKey> batch = new TreeSet<>(Comparator.comparing(DeviceSessionKey::userId));
            for (int i = first; i < Math.min(first + BATCH, users); i++) {
                batch.add(sessionKey(i));
            }
            sessions.removeAll(batch);
        });
    }

    /** Runs {@code batch} for 0, BATCH, 2 * BATCH, ... below {@code users}, spread over the loader threads. */
    private static void inBatches(int users, IntConsumer batch) {
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int first = 0; first < users; first += BATCH) {
                int start = first;
                pending.add(loaders.submit(() -> batch.accept(start)));
            }
            for (Future<?> done : pending) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch failed", e.getCause());
        } finally {
            loaders.shutdownNow();
        }
    }

    /**
     * Runs RegionUsageTask: one job on each server node reads that node's own region metrics, of the
     * persistent region (presence rows) and the in-memory one (sessions). Each region is shared by
     * several caches, so the cluster should be otherwise quiet while this runs.
     */
    private static long usedBytes(Ignite ignite) {
        List<NodeRegionUsage> nodes = GridStorage.perServer(ignite);
        nodes.forEach(node -> System.out.println("  " + node));
        return nodes.stream().mapToLong(node -> node.getUsedBytes() + node.getLiveUsedBytes()).sum();
    }

    private static void print(Result result) {
        System.out.printf(Locale.ROOT, "grid memory: %d users (one %s session each), %d copies of each entry%n",
                result.users(), DEVICE, result.copies());
        System.out.printf(Locale.ROOT, "used bytes, all servers: before %d, with sessions %d, with presence %d, after removal %d%n",
                result.usedBefore(), result.usedWithSessions(), result.usedWithPresence(), result.usedAfterRemoval());
        System.out.printf(Locale.ROOT, "bytes per user per copy: %.0f (presence %.0f, session %.0f)%n",
                result.bytesPerUserCopy(), result.presenceBytesPerUserCopy(), result.sessionBytesPerUserCopy());
        System.out.println(result.machineLine());
    }
}
