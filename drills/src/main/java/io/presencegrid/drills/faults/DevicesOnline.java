package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.PresenceSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Waits until a watcher sees every device user online, before a drill kills what holds their sockets.
 * A device socket's session starts as it opens, unless the grid is busy (a node rejoining after a cut):
 * then it starts at the socket's next refresh, a third of the TTL later. A drill that judged the
 * snapshot alone counted those users as never online and failed without killing anything.
 */
final class DevicesOnline {

    private DevicesOnline() {
    }

    /** @return how many of {@code users} the watcher saw online: in its snapshot, or in events within {@code wait} */
    static int await(PresenceSocket watcher, JsonNode snapshot, List<String> users, Duration wait) throws InterruptedException {
        Set<String> online = new HashSet<>();
        if (snapshot != null) {
            for (JsonNode view : snapshot.path("presence")) {
                if (view.path("status").asText().equals("online")) {
                    online.add(view.path("userId").asText());
                }
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (online.size() < users.size() && System.nanoTime() < deadline) {
            JsonNode frame = watcher.poll(Duration.ofMillis(200));
            if (frame != null && frame.path("type").asText().equals("presence") && frame.path("status").asText().equals("online")
                    && users.contains(frame.path("userId").asText())) {
                online.add(frame.path("userId").asText());
            }
        }
        return online.size();
    }
}
