package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.PresenceSocket;
import java.time.Duration;
import java.util.Collection;
import tools.jackson.databind.JsonNode;

/**
 * An observing socket subscribed to some users, and the snapshot of them its subscribe was answered with
 * ({@code null} when none came within 15 s).
 */
record Follower(PresenceSocket socket, JsonNode snapshot) {

    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(15);

    static Follower of(String apiBase, String token, Collection<String> userIds) throws InterruptedException {
        PresenceSocket socket = PresenceSocket.observe(apiBase, token);
        // The connect's own snapshot (of the stored subscriptions) comes first; the subscribe's is wanted.
        socket.poll("snapshot", SNAPSHOT_WAIT);
        socket.send("{\"type\":\"subscribe\",\"userIds\":[" + String.join(",", userIds.stream().map(id -> "\"" + id + "\"").toList()) + "]}");
        return new Follower(socket, socket.poll("snapshot", SNAPSHOT_WAIT));
    }

    /** The snapshot, failing the drill when none came: without it nothing later can be judged. */
    JsonNode requireSnapshot() {
        if (snapshot == null) {
            throw new IllegalStateException("no snapshot after subscribing");
        }
        return snapshot;
    }
}
