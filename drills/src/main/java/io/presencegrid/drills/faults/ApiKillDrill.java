package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * The {@code api-kill} drill: users hold device sockets on API node 1; a subscriber on API node 0 follows them;
 * API node 1 is SIGKILLed. Every one of those users must go offline for the subscriber, within the
 * grid's failure detection of the dead client node (about 20 s) and never later than TTL + 2 s.
 */
public final class ApiKillDrill {

    private static final int USERS = 20;
    /** The servers' client failure-detection timeout (server XML): when the grid notices a dead API node. */
    private static final Duration FAILURE_DETECTION = Duration.ofSeconds(20);

    public static void main(String[] args) throws Exception {
        String watcherApi = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String deviceApi = args.length > 1 ? args[1] : "http://127.0.0.1:8081";
        int ttlSeconds = Integer.parseInt(System.getenv().getOrDefault("PRESENCE_TTL_SECONDS", "60"));
        LocalCluster cluster = new LocalCluster();
        PresenceTokens tokens = PresenceTokens.fromEnvironment();
        NodeKillDrill.step("start API node 1", cluster.cluster("api", "start", "1"));

        List<String> users = StatusLoad.users("ak-user", USERS);
        List<PresenceSocket> devices = new ArrayList<>();
        for (String user : users) {
            devices.add(PresenceSocket.device(deviceApi, tokens.user(user), "phone"));
        }
        Follower following = Follower.of(watcherApi, tokens.user("ak-watcher"), users);
        PresenceSocket watcher = following.socket();
        JsonNode snapshot = following.requireSnapshot();
        long onlineAtKill = DevicesOnline.await(watcher, snapshot, users, Duration.ofSeconds(ttlSeconds / 3 + 10L));

        long killedAt = System.nanoTime();
        NodeKillDrill.step("SIGKILL API node 1", cluster.cluster("api", "kill", "1"));
        Map<String, Long> offlineAfterMillis = new HashMap<>();
        Map<String, String> reasons = new HashMap<>();
        long deadline = killedAt + Duration.ofSeconds(ttlSeconds + 10L).toNanos();
        while (offlineAfterMillis.size() < USERS && System.nanoTime() < deadline) {
            JsonNode frame = watcher.poll(Duration.ofMillis(200));
            if (frame != null && frame.path("type").asText().equals("presence") && frame.path("status").asText().equals("offline")) {
                offlineAfterMillis.putIfAbsent(frame.path("userId").asText(), (System.nanoTime() - killedAt) / 1_000_000);
                reasons.putIfAbsent(frame.path("userId").asText(), frame.path("reason").asText());
            }
        }
        watcher.close();
        devices.forEach(PresenceSocket::abort);

        Histogram detection = new Histogram(3);
        offlineAfterMillis.values().forEach(detection::recordValue);
        long max = detection.getTotalCount() == 0 ? -1 : detection.getMaxValue();
        long limitMillis = (ttlSeconds + 2L) * 1000;
        boolean allOffline = onlineAtKill == USERS && offlineAfterMillis.size() == USERS;
        boolean passed = allOffline && max <= limitMillis;
        Figures figures = new Figures("api-kill").put("users", USERS).put("online_at_kill", onlineAtKill)
                .put("seen_offline", offlineAfterMillis.size())
                .put("detection_p50_ms", detection.getTotalCount() == 0 ? -1 : detection.getValueAtPercentile(50))
                .put("detection_max_ms", max)
                .put("within_failure_detection", max >= 0 && max <= FAILURE_DETECTION.toMillis() + 2_000)
                .put("ttl_s", ttlSeconds).put("reasons", String.join(",", reasons.values().stream().distinct().sorted().toList()));
        System.out.println(figures.line(passed));
        System.exit(passed ? 0 : 1);
    }
}
