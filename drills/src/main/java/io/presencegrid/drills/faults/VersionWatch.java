package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.PresenceSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A subscriber that follows users over one WebSocket and checks what the service promises about
 * events: per user, versions arrive in order and, since every update the drill sends changes the
 * status, without a gap. The snapshot gives each user's starting version.
 */
final class VersionWatch implements AutoCloseable {

    private final PresenceSocket socket;
    private final Map<String, Long> lastVersion = new HashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Thread reader;
    private volatile boolean stopping;

    VersionWatch(String apiBase, String token, Collection<String> userIds) throws InterruptedException {
        Follower following = Follower.of(apiBase, token, userIds);
        this.socket = following.socket();
        for (JsonNode view : following.requireSnapshot().path("presence")) {
            lastVersion.put(view.path("userId").asText(), view.path("version").asLong(0));
        }
        this.reader = new Thread(this::read, "version-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!stopping) {
                JsonNode frame = socket.poll(Duration.ofMillis(200));
                if (frame != null && frame.path("type").asText().equals("presence")) {
                    record(frame.path("userId").asText(), frame.path("version").asLong());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(String userId, long version) {
        events.incrementAndGet();
        long previous = lastVersion.getOrDefault(userId, 0L);
        if (version == previous) {
            duplicates.incrementAndGet();
        } else if (version < previous) {
            outOfOrder.incrementAndGet();
        } else {
            if (version > previous + 1) {
                gaps.incrementAndGet();
                System.err.printf("version gap for %s: %d after %d%n", userId, version, previous);
            }
            lastVersion.put(userId, version);
        }
    }

    /** The socket was closed by the server (or broke) while the drill ran. */
    boolean closed() {
        return socket.closeCode() != null;
    }

    synchronized long lastVersion(String userId) {
        return lastVersion.getOrDefault(userId, 0L);
    }

    long events() {
        return events.get();
    }

    long gaps() {
        return gaps.get();
    }

    long outOfOrder() {
        return outOfOrder.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        reader.join(2_000);
        socket.close();
    }
}
