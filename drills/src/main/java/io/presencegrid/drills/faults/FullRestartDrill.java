package io.presencegrid.drills.faults;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.Figures;
import io.presencegrid.drills.ScriptRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The {@code full-restart} drill: the whole cluster goes {@code down} and {@code up}, staying down for longer than
 * the session TTL. Users who were offline come back exactly as they were (status, message,
 * lastSeenAt, version); users whose sessions ran out while the cluster was down come back offline,
 * never ghost-online, with their lastSeenAt unchanged; SUBSCRIPTION comes back row for row.
 */
public final class FullRestartDrill {

    private static final int USERS_PER_KIND = 10;
    private static final String SUBSCRIPTIONS = "SELECT SUBSCRIBER_ID, USER_ID, CREATED_AT FROM SUBSCRIPTION ORDER BY SUBSCRIBER_ID, USER_ID";

    public static void main(String[] args) throws Exception {
        String apiBase = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int ttlSeconds = Integer.parseInt(System.getenv().getOrDefault("PRESENCE_TTL_SECONDS", "60"));
        LocalCluster cluster = new LocalCluster();
        PresenceTokens tokens = PresenceTokens.fromEnvironment();
        ApiClient api = new ApiClient(apiBase);
        List<String> offline = StatusLoad.users("fr-off", USERS_PER_KIND);
        List<String> online = StatusLoad.users("fr-on", USERS_PER_KIND);
        List<String> everyone = new ArrayList<>(offline);
        everyone.addAll(online);

        for (String user : offline) {
            expect200(api.update(tokens.user(user), user, "phone", "busy"));
            expect200(api.update(tokens.user(user), user, "phone", "offline"));
        }
        for (String user : online) {
            expect200(api.post("/v1/status/update", tokens.user(user),
                    "{\"userId\":\"" + user + "\",\"device\":\"phone\",\"status\":\"busy\",\"message\":\"in a meeting " + user + "\"}"));
        }
        subscribe(api, tokens, "fr-watcher", everyone);
        subscribe(api, tokens, "fr-fan", online.subList(0, 3));

        PresenceReader reader = new PresenceReader(api, tokens.admin("fr-admin"));
        Map<String, JsonNode> before = reader.read(everyone);
        ScriptRun subscriptionsBefore = cluster.sql(SUBSCRIPTIONS);

        NodeKillDrill.step("cluster down", cluster.cluster("down"));
        long downFor = (ttlSeconds + 5L) * 1000;
        System.err.printf("down for %d s, longer than the %d s TTL%n", downFor / 1000, ttlSeconds);
        Thread.sleep(downFor);
        NodeKillDrill.step("cluster up", cluster.cluster("up"));

        // The first read after up: a session that ran out while the grid was down must not show.
        Map<String, JsonNode> firstRead = reader.read(everyone);
        long ghostOnline = online.stream().filter(user -> !firstRead.get(user).path("status").asText().equals("offline")).count();
        Map<String, JsonNode> after = reader.read(everyone);
        ScriptRun subscriptionsAfter = cluster.sql(SUBSCRIPTIONS);

        long offlineKept = offline.stream().filter(user -> sameView(before.get(user), after.get(user))).count();
        long expiredKept = online.stream().filter(user -> expiredWhileDown(before.get(user), after.get(user))).count();
        List<List<String>> rowsBefore = SqlRows.parse(subscriptionsBefore.output());
        List<List<String>> rowsAfter = SqlRows.parse(subscriptionsAfter.output());
        boolean subscriptionsKept = subscriptionsBefore.ok() && rowsBefore.size() > 1 && rowsBefore.equals(rowsAfter);

        boolean passed = ghostOnline == 0 && offlineKept == USERS_PER_KIND && expiredKept == USERS_PER_KIND && subscriptionsKept;
        Figures figures = new Figures("full-restart").put("ttl_s", ttlSeconds).put("down_s", downFor / 1000)
                .put("offline_users_kept_exactly", offlineKept + "/" + USERS_PER_KIND)
                .put("expired_while_down_offline_with_last_seen_kept", expiredKept + "/" + USERS_PER_KIND)
                .put("ghost_online_after_up", ghostOnline)
                .put("subscription_rows_kept", subscriptionsKept ? (rowsAfter.size() - 1) + "/" + (rowsBefore.size() - 1) : "NO");
        System.out.println(figures.line(passed));
        System.exit(passed ? 0 : 1);
    }

    /** Offline before and after: every field as it was. */
    private static boolean sameView(JsonNode before, JsonNode after) {
        boolean same = after != null && before.equals(after);
        if (!same) {
            System.err.printf("changed across the restart: %s became %s%n", before, after);
        }
        return same;
    }

    /**
     * Online before, its session expired while the grid was down: offline now, lastSeenAt as before
     * (expiry is not activity), and exactly one change more (the expiry).
     */
    private static boolean expiredWhileDown(JsonNode before, JsonNode after) {
        boolean kept = after != null && after.path("status").asText().equals("offline")
                && Objects.equals(before.path("lastSeenAt").asText(), after.path("lastSeenAt").asText())
                && after.path("version").asLong() == before.path("version").asLong() + 1;
        if (!kept) {
            System.err.printf("expired across the restart: %s became %s%n", before, after);
        }
        return kept;
    }

    private static void subscribe(ApiClient api, PresenceTokens tokens, String subscriber, List<String> users) throws Exception {
        expect200(api.post("/v1/status/subscribe", tokens.user(subscriber),
                "{\"subscriberId\":\"" + subscriber + "\",\"userIds\":[" + String.join(",", users.stream().map(u -> "\"" + u + "\"").toList()) + "]}"));
    }

    private static void expect200(ApiAnswer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("expected 200, got " + answer.status() + " " + answer.body());
        }
    }
}
