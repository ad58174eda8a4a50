package io.presencegrid.bench;

import io.presencegrid.schema.PresenceCaches;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The ceiling an update is compared with: what this grid does with the durability the product
 * promises and nothing else. A thick client node puts a ~100-byte value under a String key into a
 * cache of its own that keeps every promise PRESENCE keeps (PARTITIONED, backups=2, FULL_SYNC, the
 * persistent region PRESENCE lives in, so the same WAL) and none of the product's design choices: ATOMIC,
 * no SQL table, no expiry. Each put runs on its key's primary server node and returns once both backups
 * hold it.
 *
 * <p>The keys are loaded with a data streamer before anything is timed, so every timed put overwrites
 * an existing entry, as a heartbeat does, and each put picks its key at random. Each measurement warms
 * up first: on a freshly started grid the servers' JIT takes minutes to settle.
 *
 * <p>Usage: {@code FairPutCeiling <discovery addresses> <seconds> <threads> [warm-up seconds, default 30]}.
 * Last line: {@code fair_put_per_s=N fair_put_p50_ms=N fair_put_p99_ms=N}.
 */
public final class FairPutCeiling implements AutoCloseable {

    /** Created for the run and destroyed at its end; never one of the product's caches. */
    public static final String CACHE_NAME = "bench_fair_put";

    static final int KEYS = 100_000;
    static final int VALUE_BYTES = 100;

    private final Ignite ignite;
    private final IgniteCache<String, byte[]> cache;
    private final String[] keys;
    private final byte[] value = new byte[VALUE_BYTES];

    private FairPutCeiling(Ignite ignite, int keyCount) {
        this.ignite = ignite;
        this.cache = ignite.getOrCreateCache(cacheConfiguration());
        this.keys = keys(keyCount);
        ThreadLocalRandom.current().nextBytes(value);
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: FairPutCeiling <discovery addresses> <seconds> <threads> [warm-up seconds]");
            System.exit(2);
        }
        Duration measured = Duration.ofSeconds(Integer.parseInt(args[1]));
        int threads = Integer.parseInt(args[2]);
        Duration warmUp = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 30);
        CpuMeter thisClient = new CpuMeter(Map.of("client", ProcessHandle.current().pid()), ProcessCpu.clockTicksPerSecond());
        PutLoop.Outcome puts;
        try (BenchClientNode client = BenchClientNode.join(args[0]); FairPutCeiling ceiling = open(client.ignite())) {
            puts = ceiling.measure(warmUp, measured, threads, thisClient).puts();
        }
        System.out.println(machineLine(puts));
        System.exit(puts.puts() > 0 && puts.failures() == 0 ? 0 : 1);
    }

    static String machineLine(PutLoop.Outcome puts) {
        return String.format(Locale.ROOT, "fair_put_per_s=%d fair_put_p50_ms=%.2f fair_put_p99_ms=%.2f",
                Math.round(puts.putsPerSecond()), puts.p50Ms(), puts.p99Ms());
    }

    /**
     * Creates the cache and loads its keys; {@link #close()} destroys it. One cache serves every
     * measurement of a run, so the keys are loaded once.
     */
    static FairPutCeiling open(Ignite ignite) {
        return open(ignite, KEYS);
    }

    /** As above with {@code keyCount} keys: tests run it small. */
    static FairPutCeiling open(Ignite ignite, int keyCount) {
        FairPutCeiling ceiling = new FairPutCeiling(ignite, keyCount);
        try {
            ceiling.load();
            return ceiling;
        } catch (RuntimeException e) {
            ceiling.close();
            throw e;
        }
    }

    /** Puts for {@code warmUp}, then for {@code measured} inside a window of {@code cpu}. */
    PutLoop.Measured measure(Duration warmUp, Duration measured, int threads, CpuMeter cpu) {
        return measure(warmUp, CompilerSettling.NONE, measured, threads, cpu);
    }

    /**
     * Puts for {@code warmUp}, then on until {@code settling} finds the compilers settled, as the HTTP
     * updates it is compared with are warmed, then for {@code measured} inside a window of {@code cpu}.
     */
    PutLoop.Measured measure(Duration warmUp, CompilerSettling settling, Duration measured, int threads, CpuMeter cpu) {
        PutLoop.Put put = (thread, n) -> cache.put(keys[ThreadLocalRandom.current().nextInt(keys.length)], value);
        PutLoop.Warmed warmed = PutLoop.warmThenMeasure(threads, warmUp, settling, measured, cpu, put);
        PutLoop.Measured result = warmed.measured();
        System.out.printf(Locale.ROOT, "  fair ceiling: %s (ATOMIC, backups=2, FULL_SYNC, persistent, %d threads, %d s warm-up,"
                        + " %d s measured); CPU per put %s%n", result.puts().summary(), threads, warmUp.toSeconds(),
                measured.toSeconds(), result.cpu().summary());
        if (!warmed.settling().shares().isEmpty()) {
            System.out.printf("  fair ceiling, warm-up: %d s, then %s%n", warmUp.toSeconds(), warmed.settling().summary());
        }
        return result;
    }

    @Override
    public void close() {
        cache.destroy();
    }

    /**
     * Its own cache, which with no group name is a cache group of its own: its own partition files,
     * dropped whole when it is destroyed instead of emptied entry by entry beside live data. PRESENCE's
     * data region (the persistent default one) and its partition count are read from PRESENCE's own
     * definition, so the two share the WAL and the page memory.
     */
    static CacheConfiguration<String, byte[]> cacheConfiguration() {
        CacheConfiguration<?, ?> presence = PresenceCaches.presence();
        return new CacheConfiguration<String, byte[]>(CACHE_NAME)
                .setGroupName(null)
                .setDataRegionName(presence.getDataRegionName())
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(2)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setAffinity(new RendezvousAffinityFunction(false, presence.getAffinity().partitions()));
    }

    private static String[] keys(int count) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = String.format("fair-%06d", i);
        }
        return keys;
    }

    private void load() {
        long started = System.nanoTime();
        try (IgniteDataStreamer<String, byte[]> streamer = ignite.dataStreamer(CACHE_NAME)) {
            for (String key : keys) {
                streamer.addData(key, value);
            }
        }
        System.out.printf(Locale.ROOT, "  fair ceiling: %,d keys loaded in %.1f s%n", keys.length, (System.nanoTime() - started) / 1e9);
    }
}
