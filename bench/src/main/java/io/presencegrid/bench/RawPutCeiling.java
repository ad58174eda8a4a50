package io.presencegrid.bench;

import io.presencegrid.schema.DeviceSession;
import io.presencegrid.schema.DeviceSessionKey;
import io.presencegrid.schema.PresenceCaches;
import io.presencegrid.schema.PresenceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The ceiling of the grid underneath the API (issue 6, item 2a): a thick client node puts presence-sized
 * values ({@link DeviceSessionKey} to {@link DeviceSession}) into a cache configured exactly like
 * DEVICE_SESSION, from many threads, each put an implicit single-key transaction like the API's
 * heartbeat write. Every put runs on the key's primary server node and returns once both backups hold
 * it (FULL_SYNC), with the WAL written as the cluster's durability says.
 *
 * <p>Closed loop: each thread waits for its put before the next, so the latency figures are service time
 * at the load the threads generate, not latency at a fixed arrival rate. The figure that matters here is
 * puts per second.
 *
 * <p>Usage: {@code RawPutCeiling <discovery addresses> <seconds> <threads> [warm-up seconds, default 5]}.
 * Last line: {@code raw_put_per_s=N raw_put_p50_ms=N raw_put_p99_ms=N}.
 */
public final class RawPutCeiling {

    /** Created for the run and destroyed at its end; never one of the product's caches. */
    public static final String CACHE_NAME = "bench_raw_put";

    /** Users whose sessions the threads overwrite in turn: a heartbeat updates an existing session. */
    static final int USERS = 100_000;

    private RawPutCeiling() {
    }

    /** What one run measured; latencies in milliseconds. */
    public record Result(int threads, long puts, long failures, double seconds, double putsPerSecond,
                         double p50Ms, double p99Ms, double p999Ms, double maxMs) {

        public String machineLine() {
            return String.format(Locale.ROOT, "raw_put_per_s=%d raw_put_p50_ms=%.2f raw_put_p99_ms=%.2f",
                    Math.round(putsPerSecond), p50Ms, p99Ms);
        }
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: RawPutCeiling <discovery addresses> <seconds> <threads> [warm-up seconds]");
            System.exit(2);
        }
        int seconds = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int warmUpSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Result result;
        try (BenchClientNode client = BenchClientNode.join(args[0])) {
            result = measure(client.ignite(), Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds), threads);
        }
        System.exit(result.puts() > 0 && result.failures() == 0 ? 0 : 1);
    }

    /** Creates the bench cache, puts for {@code warmUp}, then measures for {@code measured}, then destroys it. */
    public static Result measure(Ignite ignite, Duration warmUp, Duration measured, int threads) {
        if (threads < 1 || measured.isZero() || measured.isNegative()) {
            throw new IllegalArgumentException("threads and seconds must be positive");
        }
        IgniteCache<DeviceSessionKey, DeviceSession> cache = ignite.getOrCreateCache(cacheConfiguration());
        try {
            DeviceSessionKey[] keys = keys();
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            try {
                if (!warmUp.isZero()) {
                    run(cache, keys, workers, threads, warmUp);
                }
                Phase phase = run(cache, keys, workers, threads, measured);
                Result result = phase.result(threads);
                print(result, warmUp, measured);
                return result;
            } finally {
                workers.shutdownNow();
            }
        } finally {
            cache.destroy();
        }
    }

    /**
     * DEVICE_SESSION's own configuration (PresenceCaches): PARTITIONED, backups=2, FULL_SYNC,
     * TRANSACTIONAL, the persistent default region, the same affinity, key configuration, expiry policy
     * and SQL table with its index, since index upkeep is part of every write. Two differences, both
     * needed to create it beside the real cache: its own SQL table name, and no cache group. Outside
     * presence-group the cache is its own group with its own partition files, so destroying it drops
     * those files instead of deleting its entries one by one from partitions shared with live data.
     */
    static CacheConfiguration<DeviceSessionKey, DeviceSession> cacheConfiguration() {
        CacheConfiguration<DeviceSessionKey, DeviceSession> configuration =
                PresenceCaches.deviceSession(PresenceCaches.DEFAULT_TTL_SECONDS);
        configuration.setName(CACHE_NAME);
        configuration.setGroupName(null);
        for (QueryEntity table : configuration.getQueryEntities()) {
            table.setTableName(CACHE_NAME.toUpperCase(Locale.ROOT));
        }
        return configuration;
    }

    private static DeviceSessionKey[] keys() {
        DeviceSessionKey[] keys = new DeviceSessionKey[USERS];
        for (int i = 0; i < USERS; i++) {
            keys[i] = new DeviceSessionKey(String.format("user-%07d", i), "phone");
        }
        return keys;
    }

    /** Each thread owns every {@code threads}-th key, so no two threads ever wait for each other's lock. */
    private static Phase run(IgniteCache<DeviceSessionKey, DeviceSession> cache, DeviceSessionKey[] keys,
                             ExecutorService workers, int threads, Duration duration) {
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Future<Phase>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(workers.submit(() -> {
                Phase part = new Phase();
                for (int i = first; System.nanoTime() < deadline; i = i + threads < keys.length ? i + threads : first) {
                    long start = System.nanoTime();
                    try {
                        cache.put(keys[i], new DeviceSession(PresenceStatus.ONLINE, Instant.now()));
                        part.latencyMicros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                        part.puts++;
                    } catch (RuntimeException e) {
                        if (part.failures++ == 0) {
                            System.err.println("put failed: " + e);
                        }
                    }
                }
                return part;
            }));
        }
        Phase total = new Phase();
        for (Future<Phase> part : parts) {
            try {
                total.add(part.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while putting", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a put thread failed", e.getCause());
            }
        }
        total.seconds = (System.nanoTime() - started) / 1e9;
        return total;
    }

    private static void print(Result result, Duration warmUp, Duration measured) {
        System.out.printf(Locale.ROOT, "raw put ceiling: cache %s (as %s: backups=2, FULL_SYNC, TRANSACTIONAL, persistent),"
                        + " %d threads, %d s warm-up, %d s measured%n", CACHE_NAME, "device_session", result.threads(),
                warmUp.toSeconds(), measured.toSeconds());
        System.out.printf(Locale.ROOT, "puts: %d in %.1f s, %d failed: %.0f puts/s%n",
                result.puts(), result.seconds(), result.failures(), result.putsPerSecond());
        System.out.printf(Locale.ROOT, "put latency ms (closed loop): p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                result.p50Ms(), result.p99Ms(), result.p999Ms(), result.maxMs());
        System.out.println(result.machineLine());
    }

    /** Puts, failures and latencies of one thread, or of all of them added up. */
    private static final class Phase {
        private final Histogram latencyMicros = new Histogram(3);
        private long puts;
        private long failures;
        private double seconds;

        void add(Phase other) {
            latencyMicros.add(other.latencyMicros);
            puts += other.puts;
            failures += other.failures;
        }

        Result result(int threads) {
            return new Result(threads, puts, failures, seconds, puts / seconds,
                    ms(latencyMicros.getValueAtPercentile(50)), ms(latencyMicros.getValueAtPercentile(99)),
                    ms(latencyMicros.getValueAtPercentile(99.9)), ms(latencyMicros.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1_000.0;
        }
    }
}
