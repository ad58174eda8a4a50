package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The {@code api-restart} drill, a rolling restart: users hold device sockets on API node 1; a subscriber on
 * API node 0 follows them; API node 1 is stopped the way an operator or an orchestrator stops it (SIGTERM).
 * Its sockets close with 1001 (going away) and each client at once opens its device's socket again on API
 * node 0, as a client SDK does. The design's disconnect grace covers exactly this: a socket of the same
 * device opened within the grace, on any API node, continues the session and nobody sees a change. So the
 * subscriber must see none of them go offline, every one must be online after, and the stopped node must
 * have shut down cleanly, its sessions handed over rather than cut when it left the grid.
 */
public final class ApiRestartDrill {

    private static final int USERS = 20;
    /** What the stopping node's log says when its grid client went before the parts using it. */
    private static final String UNCLEAN_STOP = "Failed to stop bean";

    public static void main(String[] args) throws Exception {
        String watcherApi = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String stoppedApi = args.length > 1 ? args[1] : "http://127.0.0.1:8081";
        int ttlSeconds = Integer.parseInt(System.getenv().getOrDefault("PRESENCE_TTL_SECONDS", "60"));
        int graceSeconds = Integer.parseInt(System.getenv().getOrDefault("PRESENCE_DISCONNECT_GRACE_SECONDS", "5"));
        Path stoppedNodeLog = Path.of(System.getenv().getOrDefault("PRESENCE_HOME", "var"), "logs", "api-1.log");
        LocalCluster cluster = new LocalCluster();
        PresenceTokens tokens = PresenceTokens.fromEnvironment();
        NodeKillDrill.step("start API node 1", cluster.cluster("api", "start", "1"));

        List<String> users = StatusLoad.users("ar-user", USERS);
        Follower following = Follower.of(watcherApi, tokens.user("ar-watcher"), users);
        PresenceSocket watcher = following.socket();
        JsonNode snapshot = following.requireSnapshot();

        // Each client reopens its device on node 0 the moment its socket on node 1 closes, on a thread of
        // its own: opening blocks until the handshake is answered.
        ExecutorService reconnects = Executors.newFixedThreadPool(4);
        Queue<PresenceSocket> reopened = new ConcurrentLinkedQueue<>();
        Map<Integer, Integer> closeCodes = new ConcurrentHashMap<>();
        Set<String> reopenFailed = ConcurrentHashMap.newKeySet();
        List<PresenceSocket> onStoppedNode = new ArrayList<>();
        for (String user : users) {
            PresenceSocket device = PresenceSocket.device(stoppedApi, tokens.user(user), "phone");
            device.whenClosed().thenAccept(code -> {
                closeCodes.merge(code, 1, Integer::sum);
                reconnects.execute(() -> {
                    try {
                        reopened.add(PresenceSocket.device(watcherApi, tokens.user(user), "phone"));
                    } catch (RuntimeException e) {
                        reopenFailed.add(user);
                        System.err.println("reopening " + user + "'s device on API node 0 failed: " + e);
                    }
                });
            });
            onStoppedNode.add(device);
        }
        long onlineAtStop = DevicesOnline.await(watcher, snapshot, users, Duration.ofSeconds(ttlSeconds / 3 + 10L));

        long stoppedAt = System.nanoTime();
        NodeKillDrill.step("stop API node 1 (SIGTERM)", cluster.cluster("api", "stop", "1"));
        long stopMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
        // Every grace the stop began has run out by then (the expiry that ends one lags it by about a second),
        // and the servers acted on the stopped node's departure within a second of it.
        Set<String> wentOffline = ConcurrentHashMap.newKeySet();
        long deadline = System.nanoTime() + Duration.ofSeconds(graceSeconds + 5L).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = watcher.poll(Duration.ofMillis(200));
            if (frame != null && frame.path("type").asText().equals("presence") && frame.path("status").asText().equals("offline")
                    && users.contains(frame.path("userId").asText())) {
                wentOffline.add(frame.path("userId").asText());
            }
        }
        reconnects.shutdown();
        reconnects.awaitTermination(30, TimeUnit.SECONDS);

        // What a newcomer reads now: each user's presence in a fresh snapshot on node 0.
        Follower reader = Follower.of(watcherApi, tokens.user("ar-reader"), users);
        long onlineAfter = 0;
        if (reader.snapshot() != null) {
            for (JsonNode view : reader.snapshot().path("presence")) {
                if (view.path("status").asText().equals("online")) {
                    onlineAfter++;
                }
            }
        }
        long uncleanStopLines = linesContaining(stoppedNodeLog, UNCLEAN_STOP);
        reader.socket().close();
        watcher.close();
        reopened.forEach(PresenceSocket::close);
        onStoppedNode.forEach(PresenceSocket::abort);

        boolean passed = onlineAtStop == USERS && reopened.size() == USERS && wentOffline.isEmpty() && onlineAfter == USERS
                && uncleanStopLines == 0;
        Figures figures = new Figures("api-restart").put("users", USERS).put("online_at_stop", onlineAtStop)
                .put("stop_ms", stopMillis).put("close_codes", closeCodes.toString().replace(" ", ""))
                .put("reopened_on_other_node", reopened.size()).put("reopen_failed", reopenFailed.size())
                .put("seen_offline", wentOffline.size()).put("online_after", onlineAfter)
                .put("grace_s", graceSeconds).put("unclean_stop_lines", uncleanStopLines);
        System.out.println(figures.line(passed));
        System.exit(passed ? 0 : 1);
    }

    /** -1 when the log cannot be read: the figure then fails the drill rather than pass unseen. */
    private static long linesContaining(Path log, String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read " + log + ": " + e);
            return -1;
        }
    }
}
