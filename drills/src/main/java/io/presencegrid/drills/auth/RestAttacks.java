package io.presencegrid.drills.auth;

import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The REST half of the auth drill: forged and missing tokens (401), user A acting for user B (403),
 * the admin endpoints without the scope (403), what B hides from A (invisible reads as offline), and
 * the positive controls that show the same requests pass with the right token.
 */
final class RestAttacks {

    private final ApiClient http;
    private final PresenceTokens tokens;
    private final ForgedTokens forged;
    private final AuthUsers users;
    private final CaseResults results;

    RestAttacks(ApiClient http, PresenceTokens tokens, ForgedTokens forged, AuthUsers users, CaseResults results) {
        this.http = http;
        this.tokens = tokens;
        this.forged = forged;
        this.users = users;
        this.results = results;
    }

    void run() {
        String a = users.a();
        String b = users.b();
        String tokenA = tokens.user(a);
        results.control("a_sets_own_status", () -> Answers.status(http.update(tokenA, a, "phone", "online"), 200));
        // Visible first: a user only ever invisible is, to others, a user never seen (404), checked below.
        results.control("b_goes_online", () -> Answers.status(http.update(tokens.user(b), b, "laptop", "online"), 200));
        results.control("b_goes_invisible", () -> Answers.status(http.update(tokens.user(b), b, "laptop", "invisible"), 200));
        results.control("b_sees_self_invisible", () -> expectStatus(http.get("/v1/status/" + b, tokens.user(b)), "invisible", 1));

        missingTokens(a);
        forgedTokens(a);
        actingForAnother(tokenA, a, b);
        hiddenFromOthers(tokenA, a, b);
        adminOnly(tokenA, a);

        results.control("a_still_there_after_forged_deletes", () -> expectStatus(http.get("/v1/status/" + a, tokenA), "online", 1));
        results.control("admin_acts_for_b", () -> Answers.status(http.update(tokens.admin(users.admin()), b, "tablet", "invisible"), 200));
    }

    private void missingTokens(String a) {
        results.refusal("no_token_get", () -> Answers.problem(http.get("/v1/status/" + a, null), 401));
        results.refusal("no_token_update", () -> Answers.problem(http.update(null, a, "phone", "busy"), 401));
        results.refusal("no_token_delete", () -> Answers.problem(http.delete("/v1/status/" + a, null), 401));
        results.refusal("no_token_admin_stats", () -> Answers.problem(http.get("/v1/admin/stats", null), 401));
        results.refusal("basic_auth_instead_of_bearer", () -> Answers.problem(http.send(http.request("/v1/status/" + a, null)
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET()), 401));
        results.refusal("bearer_without_token", () -> Answers.problem(http.send(http.request("/v1/status/" + a, null)
                .header("Authorization", "Bearer ").GET()), 401));
        // A valid token, but in the URL, where logs and proxies keep it: only the WebSocket handshake may do that.
        results.refusal("valid_token_in_rest_url", () -> Answers.problem(http.get("/v1/status/" + a + "?access_token="
                + tokens.user(a), null), 401));
    }

    /** Every forgery on a read, a write and a delete: a forgery that passes any of them is a hole. */
    private void forgedTokens(String a) {
        for (Map.Entry<String, String> forgery : forged.all(a).entrySet()) {
            String name = forgery.getKey();
            String token = forgery.getValue();
            results.refusal(name + "_get", () -> Answers.problem(http.get("/v1/status/" + a, token), 401));
            results.refusal(name + "_update", () -> Answers.problem(http.update(token, a, "phone", "busy"), 401));
            results.refusal(name + "_delete", () -> Answers.problem(http.delete("/v1/status/" + a, token), 401));
        }
    }

    private void actingForAnother(String tokenA, String a, String b) {
        results.refusal("a_updates_b", () -> Answers.problem(http.update(tokenA, b, "phone", "offline"), 403));
        results.refusal("a_updates_b_new_device", () -> Answers.problem(http.update(tokenA, b, "a-planted", "online"), 403));
        results.refusal("a_deletes_b", () -> Answers.problem(http.delete("/v1/status/" + b, tokenA), 403));
        results.refusal("a_subscribes_for_b", () -> Answers.problem(http.post("/v1/status/subscribe", tokenA,
                "{\"subscriberId\":\"" + b + "\",\"userIds\":[\"" + a + "\"]}"), 403));
        results.refusal("a_unsubscribes_for_b", () -> Answers.problem(http.post("/v1/status/unsubscribe", tokenA,
                "{\"subscriberId\":\"" + b + "\",\"userIds\":[\"" + a + "\"]}"), 403));
        results.control("b_unchanged_by_a", () -> expectStatus(http.get("/v1/status/" + b, tokens.user(b)), "invisible", 1));
    }

    /**
     * B is invisible: to A that reads as offline with no devices, by every read path. C has only ever
     * been invisible: to A, C is indistinguishable from an id nobody has used.
     */
    private void hiddenFromOthers(String tokenA, String a, String b) {
        String c = users.hidden();
        results.control("c_only_ever_invisible", () -> Answers.status(http.update(tokens.user(c), c, "phone", "invisible"), 200));
        results.refusal("a_reads_only_ever_invisible_c_as_never_seen", () -> Answers.problem(http.get("/v1/status/" + c, tokenA), 404));
        results.refusal("a_reads_b_invisible_as_offline", () -> expectStatus(http.get("/v1/status/" + b, tokenA), "offline", 0));
        results.refusal("a_lists_b_invisible_as_offline", () -> {
            ApiAnswer answer = http.get("/v1/status?userIds=" + a + "," + b, tokenA);
            String wrong = Answers.status(answer, 200);
            return wrong != null ? wrong : expectView(answer.json().path("presence").path(1), b, "offline", 0);
        });
        results.refusal("a_subscribes_to_b_sees_offline", () -> {
            ApiAnswer answer = http.post("/v1/status/subscribe", tokenA,
                    "{\"subscriberId\":\"" + a + "\",\"userIds\":[\"" + b + "\"]}");
            String wrong = Answers.status(answer, 200);
            return wrong != null ? wrong : expectView(answer.json().path("presence").path(0), b, "offline", 0);
        });
    }

    private void adminOnly(String tokenA, String a) {
        results.refusal("stats_without_admin_scope", () -> Answers.problem(http.get("/v1/admin/stats", tokenA), 403));
        results.refusal("purge_without_admin_scope", () -> Answers.problem(http.post("/v1/admin/purge?retentionDays=1", tokenA, ""), 403));
        String lookalike = tokens.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject(a)
                .claim("scope", "presence:admins presence:administrator xpresence:admin"));
        results.refusal("stats_with_lookalike_scope", () -> Answers.problem(http.get("/v1/admin/stats", lookalike), 403));
        results.refusal("a_with_lookalike_scope_updates_b", () -> Answers.problem(http.update(lookalike, users.b(), "phone", "online"), 403));
        String admin = tokens.admin(users.admin());
        results.control("stats_with_admin_scope", () -> Answers.status(http.get("/v1/admin/stats", admin), 200));
        // The longest retention: the positive control must not purge anyone a concurrent test relies on.
        results.control("purge_with_admin_scope", () -> Answers.status(http.post("/v1/admin/purge?retentionDays=36500", admin, ""), 200));
    }

    private static String expectStatus(ApiAnswer answer, String status, int devices) {
        String wrong = Answers.status(answer, 200);
        return wrong != null ? wrong : expectView(answer.json(), answer.json().path("userId").asText(), status, devices);
    }

    static String expectView(JsonNode view, String userId, String status, int devices) {
        if (!view.path("userId").asText().equals(userId) || !view.path("status").asText().equals(status)
                || view.path("devices").size() != devices) {
            return "expected " + userId + " " + status + " with " + devices + " devices, got " + view;
        }
        return null;
    }
}
