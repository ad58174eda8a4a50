package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Continuous status updates and a subscriber following the updated users, while a fault is
 * injected; then the client's log of acknowledged updates is compared with what the grid holds.
 * The fault is the caller's: SIGKILLed processes in scripts/drill.sh, in-process node kills in tests.
 */
public final class UpdatesUnderFault {

    /** Whatever the drill does to the cluster while the updates run; returns when it is over. */
    @FunctionalInterface
    public interface Fault {
        void inject() throws Exception;
    }

    /**
     * @param acknowledged     updates answered 200
     * @param failed           updates answered otherwise, or not at all
     * @param lost             users whose last acknowledged update the grid does not hold
     * @param lastEventMissing users whose final version never reached the subscriber
     */
    public record Report(long acknowledged, long failed, long lost, long slowestMillis, long events, long versionGaps,
                         long outOfOrder, long duplicates, long lastEventMissing, boolean subscriberClosed) {

        /** Every promise of the drill kept, and the drill did something. */
        public boolean kept() {
            return acknowledged > 0 && failed == 0 && lost == 0 && versionGaps == 0 && outOfOrder == 0
                    && lastEventMissing == 0 && !subscriberClosed;
        }

        public Figures addTo(Figures figures) {
            return figures.put("acknowledged", acknowledged).put("failed", failed).put("lost", lost)
                    .put("slowest_update_ms", slowestMillis).put("events", events).put("version_gaps", versionGaps)
                    .put("out_of_order", outOfOrder).put("duplicates", duplicates).put("last_event_missing", lastEventMissing)
                    .put("subscriber_closed", subscriberClosed);
        }
    }

    private UpdatesUnderFault() {
    }

    /**
     * Runs {@code users} users' updates at {@code perUserPerSecond} each around {@code fault}, then
     * ends every session (so nothing expires while the copies are compared afterwards).
     */
    public static Report run(String apiBase, PresenceTokens tokens, String userPrefix, int users, double perUserPerSecond,
                             Fault fault) throws Exception {
        return run(apiBase, apiBase, tokens, userPrefix, users, perUserPerSecond, fault);
    }

    /**
     * As above, with the updates sent to one API node and the subscriber on another ({@code watchBase}),
     * which also reads the grid's copies afterwards: what one API node acknowledged, the other must
     * deliver and read back.
     */
    public static Report run(String writeBase, String watchBase, PresenceTokens tokens, String userPrefix, int users,
                             double perUserPerSecond, Fault fault) throws Exception {
        ApiClient api = new ApiClient(writeBase);
        List<String> userIds = StatusLoad.users(userPrefix, users);
        StatusLoad load = new StatusLoad(api, tokens, userIds, perUserPerSecond);
        VersionWatch watch = new VersionWatch(watchBase, tokens.user(userPrefix + "-watcher"), userIds);
        try {
            load.start();
            fault.inject();
        } finally {
            load.close();
        }
        AcknowledgedUpdates log = load.log();
        Map<String, JsonNode> grid = new PresenceReader(new ApiClient(watchBase), tokens.admin(userPrefix + "-admin")).read(userIds);
        long lost = 0;
        for (Map.Entry<String, AcknowledgedUpdates.Acknowledged> entry : log.last().entrySet()) {
            JsonNode view = grid.get(entry.getKey());
            if (view == null || !AcknowledgedUpdates.kept(entry.getValue(), view.path("status").asText(), view.path("version").asLong())) {
                lost++;
                System.err.printf("lost: %s acknowledged %s, the grid has %s%n", entry.getKey(), entry.getValue(), view);
            }
        }
        long lastEventMissing = awaitLastEvents(watch, grid, Duration.ofSeconds(15));
        boolean subscriberClosed = watch.closed();
        watch.close();
        endSessions(api, load, userIds);
        return new Report(log.acknowledged(), log.failed(), lost, load.slowestMillis(), watch.events(), watch.gaps(),
                watch.outOfOrder(), watch.duplicates(), lastEventMissing, subscriberClosed);
    }

    /**
     * Best effort: the figures are what the drill reports, so a grid that no longer answers here must not
     * end the drill before it prints them, nor hold it for a timeout per user; the failed updates above
     * already fail it, and the sessions left expire by their TTL.
     */
    private static void endSessions(ApiClient api, StatusLoad load, List<String> userIds) throws InterruptedException {
        for (int i = 0; i < userIds.size(); i++) {
            String user = userIds.get(i);
            try {
                ApiAnswer answer = api.update(load.token(user), user, "phone", "offline");
                if (answer.status() != 200) {
                    System.err.printf("ending %s's session: %d %s%n", user, answer.status(), answer.body());
                }
            } catch (UncheckedIOException unanswered) {
                System.err.printf("ending %s's session: %s; the other %d are left to expire%n", user, unanswered, userIds.size() - i - 1);
                return;
            }
        }
    }

    /** Users whose final version has not reached the subscriber within {@code timeout}. */
    private static long awaitLastEvents(VersionWatch watch, Map<String, JsonNode> grid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long missing = grid.values().stream()
                    .filter(view -> watch.lastVersion(view.path("userId").asText()) < view.path("version").asLong())
                    .count();
            if (missing == 0 || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(200);
        }
    }
}
