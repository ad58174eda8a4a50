package io.presencegrid.drills.partition;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;

/**
 * Writes PRESENCE rows of its own users, round robin, through one thin client (so through the
 * server nodes that client can reach), and keeps the ledger the drill checks afterwards: the
 * highest version each user had acknowledged. Runs in a thread of the drill's JVM.
 *
 * <p>Each write puts a whole {@link UserPresence} with the next version of that user, so a row read
 * later tells which write it holds. Status {@code offline} without devices: the presence sweeper on
 * the servers leaves such rows alone, so only this writer changes them.
 */
final class PresenceWriter implements Runnable {

    private final String side;
    private final IgniteClient client;
    private final List<String> users;
    private final long pauseMillis;

    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    /** System.nanoTime() at the end of each write, and of each acknowledged one: a few per second. */
    private final Queue<Long> attemptTimes = new ConcurrentLinkedQueue<>();
    private final Queue<Long> acknowledgedTimes = new ConcurrentLinkedQueue<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong slowestMillis = new AtomicLong();
    private volatile boolean running = true;

    PresenceWriter(String side, IgniteClient client, List<String> users, long pauseMillis) {
        this.side = side;
        this.client = client;
        this.users = users;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public void run() {
        ClientCache<String, UserPresence> presence = client.cache(CacheNames.PRESENCE);
        long[] versions = new long[users.size()];
        for (int next = 0; running; next = (next + 1) % users.size()) {
            String user = users.get(next);
            long version = ++versions[next];
            long started = System.nanoTime();
            boolean ok = write(presence, user, version);
            long ended = System.nanoTime();
            slowestMillis.accumulateAndGet((ended - started) / 1_000_000, Math::max);
            attemptTimes.add(ended);
            if (ok) {
                acknowledgedTimes.add(ended);
            }
            pause();
        }
    }

    private boolean write(ClientCache<String, UserPresence> presence, String user, long version) {
        Instant now = Instant.now();
        try {
            presence.put(user, UserPresence.visible(PresenceStatus.OFFLINE, side + " write " + version, Map.of(), now, now,
                    version));
            acknowledged.merge(user, version, Math::max);
            return true;
        } catch (RuntimeException refused) {
            // Not acknowledged: the write may or may not have landed, so it is not in the ledger.
            if (failed.incrementAndGet() <= 3) {
                System.err.printf("%tT %s write of %s v%d failed: %s%n", System.currentTimeMillis(), side, user, version,
                        refused);
            }
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    String side() {
        return side;
    }

    void stop() {
        running = false;
    }

    Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Writes that ended within [from, to) (System.nanoTime()). */
    long attemptedBetween(long from, long to) {
        return attemptTimes.stream().filter(time -> time >= from && time < to).count();
    }

    /** Acknowledged writes that ended within [from, to) (System.nanoTime()). */
    long acknowledgedBetween(long from, long to) {
        return acknowledgedTimes.stream().filter(time -> time >= from && time < to).count();
    }

    long failed() {
        return failed.get();
    }

    long slowestMillis() {
        return slowestMillis.get();
    }
}
