package io.presencegrid.drills.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.ForeignTokens;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * The API's side of the security drill: a token signed with the HS256 secret this repository once
 * published for development (the API refuses to start with it, and must not accept what it signs), an
 * RS256 token from a key pair the drill makes up, named by a {@code kid} no key set holds (what a JWKS
 * attacker sends), and a valid token carried in the URL of a REST call. The auth drill tries many more
 * forgeries.
 */
final class TokenAttacks {

    /** Published in this repository's early history; the API knows it only by its SHA-256, to refuse it. */
    private static final String PUBLISHED_DEV_SECRET = "presence-grid-dev-secret-change-me-0123456789";

    private final ApiClient http;
    private final PresenceTokens tokens;
    private final Attempts attempts;

    TokenAttacks(ApiClient http, PresenceTokens tokens, Attempts attempts) {
        this.http = http;
        this.tokens = tokens;
        this.attempts = attempts;
    }

    void run() {
        String user = "drill-security-" + System.nanoTime();
        attempts.control("api_valid_token", () -> {
            int status = http.get("/v1/status/" + user, tokens.user(user)).status();
            return status == 200 || status == 404 ? null : "HTTP " + status;
        });
        attempts.attack("api_token_of_the_published_dev_secret", () -> {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).claim("scope", "presence presence:admin")
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
            String forged = ForeignTokens.hs256(PUBLISHED_DEV_SECRET.getBytes(StandardCharsets.UTF_8), claims);
            int status = http.get("/v1/admin/stats", forged).status();
            return status == 401 ? null : "HTTP " + status;
        });
        // Made outside the attempt: a failure to make it would otherwise count as a refusal.
        String unknownKid = rs256WithUnknownKid(user);
        attempts.attack("api_rs256_token_with_an_unknown_kid", () -> {
            int status = http.get("/v1/admin/stats", unknownKid).status();
            return status == 401 ? null : "HTTP " + status;
        });
        attempts.attack("api_access_token_in_a_rest_url", () -> {
            int status = http.get("/v1/status/" + user + "?access_token=" + tokens.user(user), null).status();
            return status == 401 ? null : "HTTP " + status;
        });
    }

    private static String rs256WithUnknownKid(String user) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).claim("scope", "presence presence:admin")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        return ForeignTokens.rs256(ForeignTokens.rsaKey("drill-unknown-" + System.nanoTime()), claims);
    }
}
