package io.presencegrid.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What observer sockets saw of a set of users who go online once and should then stay as they are:
 * {@code expired} events, and events after each user's first. Fed frames on the client's I/O thread,
 * until {@link #stop()}.
 */
final class PresenceChangeWatch {

    private final Map<String, Integer> eventsByUser = new ConcurrentHashMap<>();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong laterChanges = new AtomicLong();
    private final AtomicLong firstExpiryNanos = new AtomicLong();
    private volatile boolean watching = true;

    PresenceChangeWatch(String[] userIds) {
        for (String userId : userIds) {
            eventsByUser.put(userId, 0);
        }
    }

    void record(String frame) {
        String user = Frames.presenceUser(frame);
        if (!watching || user == null || !eventsByUser.containsKey(user)) {
            return;
        }
        if ("expired".equals(Frames.reason(frame)) && expired.getAndIncrement() == 0) {
            firstExpiryNanos.set(System.nanoTime());
        }
        if (eventsByUser.merge(user, 1, Integer::sum) > 1) {
            laterChanges.incrementAndGet();
        }
    }

    /** Frames from now on are not counted: what follows is the bench closing the sockets. */
    void stop() {
        watching = false;
    }

    long expired() {
        return expired.get();
    }

    /** Events of a user after its first (its going online). */
    long laterChanges() {
        return laterChanges.get();
    }

    /** Users the observers heard nothing from: their socket never brought them online, as far as the observers know. */
    long silentUsers() {
        return eventsByUser.values().stream().filter(events -> events == 0).count();
    }

    String firstExpiry(long since) {
        long first = firstExpiryNanos.get();
        return first == 0 ? "none" : String.format(Locale.ROOT, "%.0f s after the first socket opened", (first - since) / 1e9);
    }
}
