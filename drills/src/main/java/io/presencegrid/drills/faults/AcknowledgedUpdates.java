package io.presencegrid.drills.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's log: per user, the last update the API acknowledged (status and version) and whether
 * an update was attempted after it without an answer. An acknowledged update is lost when the grid
 * later holds an older version, or a different status with no unanswered attempt to explain it.
 */
final class AcknowledgedUpdates {

    record Acknowledged(String status, long version, boolean unansweredSince) {
    }

    private final Map<String, Acknowledged> last = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void acknowledged(String userId, String status, long version) {
        acknowledged.incrementAndGet();
        last.put(userId, new Acknowledged(status, version, false));
    }

    void failed(String userId) {
        failed.incrementAndGet();
        last.computeIfPresent(userId, (user, ack) -> new Acknowledged(ack.status(), ack.version(), true));
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    Map<String, Acknowledged> last() {
        return Map.copyOf(last);
    }

    /** Whether the grid's {@code status} and {@code version} for the user keep its last acknowledged update. */
    static boolean kept(Acknowledged ack, String status, long version) {
        if (version < ack.version()) {
            return false;
        }
        return ack.unansweredSince() || (status.equals(ack.status()) && version == ack.version());
    }
}
