package io.presencegrid.drills.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.api.PresenceSocket;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The privacy half of the auth drill. The owner's privacy is theirs and the admin scope's to read and
 * replace: another user, a missing or forged token, a subject that differs in case only or a lookalike
 * scope is refused, and the setting stays as it was. The owner blocks the prober: by every path a view
 * leaves the API (GET, batch GET with repeats and case variants, REST subscribe, socket snapshots and
 * events) the prober gets the hidden view and never the owner's status or message, while the friend
 * the owner allows sees them, which shows that the hiding is the privacy and not an outage.
 */
final class PrivacyAttacks {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** How long the prober's socket is watched once the friend's socket got the change it must not get. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    private final ApiClient http;
    private final PresenceTokens tokens;
    private final ForgedTokens forged;
    private final AuthUsers users;
    private final CaseResults results;

    PrivacyAttacks(ApiClient http, PresenceTokens tokens, ForgedTokens forged, AuthUsers users, CaseResults results) {
        this.http = http;
        this.tokens = tokens;
        this.forged = forged;
        this.users = users;
        this.results = results;
    }

    void run() throws Exception {
        String owner = users.owner();
        String tokenOwner = tokens.user(owner);
        String path = "/v1/privacy/" + owner;
        String secret = "auth drill secret of " + owner;
        // The friend named twice: the answer lists each id once.
        String setting = "{\"presence\":\"allowed\",\"lastSeen\":\"nobody\",\"allowed\":[\"" + users.friend() + "\",\""
                + users.friend() + "\"],\"blocked\":[\"" + users.prober() + "\"]}";
        results.control("owner_sets_privacy", () -> expectSetting(http.put(path, tokenOwner, setting)));
        results.control("owner_sets_status_with_message", () -> Answers.status(
                http.post("/v1/status/update", tokenOwner, update(owner, "busy", secret)), 200));

        othersCannotTouchPrivacy(owner, path);
        results.control("owner_privacy_unchanged", () -> expectSetting(http.get(path, tokenOwner)));
        results.control("admin_reads_owner_privacy", () -> expectSetting(http.get(path, tokens.admin(users.admin()))));

        String changed = proberSeesHiddenView(owner, tokenOwner, secret);
        blockedBeatsAllowed(owner, tokenOwner, path, secret, changed);
    }

    private void othersCannotTouchPrivacy(String owner, String path) {
        // What a prober would put: everyone sees everything, nobody blocked.
        String takeover = "{\"presence\":\"everyone\",\"lastSeen\":\"everyone\",\"allowed\":[],\"blocked\":[]}";
        results.refusal("privacy_no_token_get", () -> Answers.problem(http.get(path, null), 401));
        results.refusal("privacy_no_token_put", () -> Answers.problem(http.put(path, null, takeover), 401));
        for (Map.Entry<String, String> forgery : forged.all(owner).entrySet()) {
            String token = forgery.getValue();
            results.refusal("privacy_" + forgery.getKey() + "_get", () -> Answers.problem(http.get(path, token), 401));
            results.refusal("privacy_" + forgery.getKey() + "_put", () -> Answers.problem(http.put(path, token, takeover), 401));
        }
        String tokenProber = tokens.user(users.prober());
        // Reading the setting would tell the prober they are blocked.
        results.refusal("prober_reads_owner_privacy", () -> Answers.problem(http.get(path, tokenProber), 403));
        results.refusal("prober_replaces_owner_privacy", () -> Answers.problem(http.put(path, tokenProber, takeover), 403));
        results.refusal("friend_replaces_owner_privacy", () -> Answers.problem(http.put(path, tokens.user(users.friend()), takeover), 403));
        results.refusal("case_variant_subject_replaces_owner_privacy", () -> Answers.problem(
                http.put(path, tokens.user(owner.toUpperCase(Locale.ROOT)), takeover), 403));
        String lookalike = tokens.sign(new JWTClaimsSet.Builder().subject(users.prober())
                .claim("scope", "presence:admins presence:administrator xpresence:admin"));
        results.refusal("lookalike_scope_replaces_owner_privacy", () -> Answers.problem(http.put(path, lookalike, takeover), 403));
    }

    /** Every read path the prober has, against the friend's; returns the message of the owner's second status. */
    private String proberSeesHiddenView(String owner, String tokenOwner, String secret) throws Exception {
        String tokenProber = tokens.user(users.prober());
        String tokenFriend = tokens.user(users.friend());
        String upper = owner.toUpperCase(Locale.ROOT);
        String capitalised = Character.toUpperCase(owner.charAt(0)) + owner.substring(1);
        results.refusal("blocked_get_sees_hidden_view", () -> hiddenAnswer(http.get("/v1/status/" + owner, tokenProber), owner, secret));
        results.refusal("blocked_get_case_variant_sees_nothing", () -> {
            // Ids are case-sensitive: the variant is an id nobody has used, never a way to the owner.
            ApiAnswer answer = http.get("/v1/status/" + upper, tokenProber);
            return answer.status() == 404 ? Answers.problem(answer, 404) : hiddenAnswer(answer, upper, secret);
        });
        results.refusal("blocked_batch_get_sees_hidden_view", () -> hiddenInList(http.get("/v1/status?userIds="
                + users.prober() + "," + owner + "," + users.friend(), tokenProber), owner, secret));
        results.refusal("blocked_batch_get_repeats_sees_hidden_view", () -> hiddenInList(http.get("/v1/status?userIds="
                + owner + "," + owner + ",%20" + owner + "%20," + owner, tokenProber), owner, secret));
        results.refusal("blocked_batch_get_case_variants_sees_hidden_view", () -> hiddenInList(http.get("/v1/status?userIds="
                + upper + "," + capitalised + "," + owner, tokenProber), owner, secret));
        results.refusal("blocked_subscribe_sees_hidden_view", () -> {
            ApiAnswer answer = http.post("/v1/status/subscribe", tokenProber,
                    "{\"subscriberId\":\"" + users.prober() + "\",\"userIds\":[\"" + owner + "\"]}");
            String wrong = Answers.status(answer, 200);
            wrong = wrong != null ? wrong : PrivacyViews.leak(answer.body(), secret);
            return wrong != null ? wrong : PrivacyViews.hiddenAmong(answer.json().path("presence"), owner);
        });

        results.control("friend_get_sees_real_status", () -> shownAnswer(
                http.get("/v1/status/" + owner, tokenFriend), owner, "busy", secret));
        results.refusal("friend_sees_no_last_seen", () -> {
            ApiAnswer answer = http.get("/v1/status/" + owner, tokenFriend);
            String wrong = Answers.status(answer, 200);
            return wrong != null ? wrong : answer.json().path("lastSeenAt").isNull() ? null
                    : "lastSeen is nobody, yet the friend sees lastSeenAt " + answer.json().path("lastSeenAt");
        });
        results.control("friend_subscribe_sees_real_status", () -> {
            ApiAnswer answer = http.post("/v1/status/subscribe", tokenFriend,
                    "{\"subscriberId\":\"" + users.friend() + "\",\"userIds\":[\"" + owner + "\"]}");
            String wrong = Answers.status(answer, 200);
            return wrong != null ? wrong : PrivacyViews.shown(PrivacyViews.viewOf(answer.json().path("presence"), owner),
                    owner, "busy", secret);
        });

        String changed = "auth drill second secret of " + owner;
        // Both follow the owner since their REST subscribe: each connect snapshot holds the owner.
        try (PresenceSocket friendSocket = PresenceSocket.observe(http.base(), tokenFriend);
             PresenceSocket proberSocket = PresenceSocket.observe(http.base(), tokenProber)) {
            results.control("friend_socket_snapshot_sees_real_status", () -> {
                JsonNode snapshot = friendSocket.poll("snapshot", WAIT);
                return snapshot == null ? "no snapshot"
                        : PrivacyViews.shown(PrivacyViews.viewOf(snapshot.path("presence"), owner), owner, "busy", secret);
            });
            results.refusal("blocked_socket_snapshot_sees_hidden_view", () -> hiddenInSnapshot(proberSocket, owner, secret));
            results.refusal("blocked_socket_subscribe_frame_sees_hidden_view", () -> {
                // A snapshot lists newly added users only: the owner goes first, then comes back with a case variant.
                proberSocket.send("{\"type\":\"unsubscribe\",\"userIds\":[\"" + owner + "\"]}");
                proberSocket.send("{\"type\":\"subscribe\",\"userIds\":[\"" + owner + "\",\"" + upper + "\",\"" + owner + "\"]}");
                return hiddenInSnapshot(proberSocket, owner, secret);
            });
            results.control("owner_changes_status", () -> Answers.status(
                    http.post("/v1/status/update", tokenOwner, update(owner, "away", changed)), 200));
            results.control("friend_socket_sees_the_change", () -> {
                JsonNode event = friendSocket.poll("presence", WAIT);
                return event == null ? "no presence frame within " + WAIT : PrivacyViews.shown(event, owner, "away", changed);
            });
            results.refusal("blocked_socket_gets_no_presence_frame", () -> quiet(proberSocket, secret, changed));
        }
        results.refusal("blocked_get_after_change_sees_hidden_view", () -> hiddenAnswer(
                http.get("/v1/status/" + owner, tokenProber), owner, secret, changed));
        return changed;
    }

    /**
     * The owner now shows everything to everyone and names the prober in allowed too, and still blocks
     * them: nothing but the block hides the owner, which must win, last seen included.
     */
    private void blockedBeatsAllowed(String owner, String tokenOwner, String path, String secret, String changed) {
        String prober = users.prober();
        String open = "{\"presence\":\"everyone\",\"lastSeen\":\"everyone\",\"allowed\":[\"" + prober + "\"],\"blocked\":[\""
                + prober + "\"]}";
        results.control("owner_blocks_prober_only", () -> {
            ApiAnswer answer = http.put(path, tokenOwner, open);
            String wrong = Answers.status(answer, 200);
            return wrong != null ? wrong : PrivacyViews.setting(answer.json(), owner, "everyone", "everyone", List.of(prober), List.of(prober));
        });
        String tokenProber = tokens.user(prober);
        results.refusal("blocked_but_allowed_get_sees_hidden_view", () -> hiddenAnswer(
                http.get("/v1/status/" + owner, tokenProber), owner, secret, changed));
        results.refusal("blocked_but_allowed_batch_get_sees_hidden_view", () -> hiddenInList(http.get("/v1/status?userIds="
                + owner + "," + prober, tokenProber), owner, secret, changed));
        results.control("friend_sees_real_status_when_everyone_may", () -> shownAnswer(
                http.get("/v1/status/" + owner, tokens.user(users.friend())), owner, "away", changed));
    }

    private String expectSetting(ApiAnswer answer) {
        String wrong = Answers.status(answer, 200);
        return wrong != null ? wrong : PrivacyViews.setting(answer.json(), users.owner(), "allowed", "nobody",
                List.of(users.friend()), List.of(users.prober()));
    }

    private static String hiddenAnswer(ApiAnswer answer, String userId, String... secrets) {
        String wrong = Answers.status(answer, 200);
        wrong = wrong != null ? wrong : PrivacyViews.leak(answer.body(), secrets);
        return wrong != null ? wrong : PrivacyViews.hidden(answer.json(), userId);
    }

    private static String hiddenInList(ApiAnswer answer, String userId, String... secrets) {
        String wrong = Answers.status(answer, 200);
        wrong = wrong != null ? wrong : PrivacyViews.leak(answer.body(), secrets);
        return wrong != null ? wrong : PrivacyViews.hiddenAmong(answer.json().path("presence"), userId);
    }

    private static String shownAnswer(ApiAnswer answer, String userId, String status, String message) {
        String wrong = Answers.status(answer, 200);
        return wrong != null ? wrong : PrivacyViews.shown(answer.json(), userId, status, message);
    }

    private static String hiddenInSnapshot(PresenceSocket socket, String userId, String secret) throws InterruptedException {
        JsonNode snapshot = socket.poll("snapshot", WAIT);
        if (snapshot == null) {
            return "no snapshot within " + WAIT;
        }
        String wrong = PrivacyViews.leak(snapshot.toString(), secret);
        return wrong != null ? wrong : PrivacyViews.hiddenAmong(snapshot.path("presence"), userId);
    }

    /** Null when nothing comes within {@link #QUIET} that is a presence event or carries a secret. */
    private static String quiet(PresenceSocket socket, String... secrets) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            JsonNode frame = socket.poll(Duration.ofNanos(left));
            if (frame == null) {
                return null;
            }
            String wrong = PrivacyViews.leak(frame.toString(), secrets);
            if (wrong != null) {
                return wrong;
            }
            if (frame.path("type").asText().equals("presence")) {
                return "a presence frame reached the blocked viewer: " + Answers.abbreviate(frame.toString());
            }
        }
        return null;
    }

    private static String update(String userId, String status, String message) {
        return "{\"userId\":\"" + userId + "\",\"device\":\"phone\",\"status\":\"" + status + "\",\"message\":\"" + message + "\"}";
    }
}
