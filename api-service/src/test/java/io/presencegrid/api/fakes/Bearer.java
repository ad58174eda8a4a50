package io.presencegrid.api.fakes;

import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.token.ForeignTokens;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Authorization header values for the fast tests, good and bad, from client-tools' signers. */
public final class Bearer {

    /** The HS256 secret the sliced API verifies with; drawn afresh per JVM. */
    static final String SECRET = TestJwt.SECRET;

    private Bearer() {
    }

    public static String user(String userId) {
        return header(token(userId));
    }

    public static String admin(String userId) {
        return header(TestJwt.TOKENS.admin(userId));
    }

    public static String expired(String userId) {
        return header(TestJwt.TOKENS.expiringAt(userId, Instant.now().minusSeconds(120)));
    }

    public static String signedWithAnotherSecret(String userId) {
        return header(ForeignTokens.hs256(PresenceTokens.randomSecret().getBytes(StandardCharsets.UTF_8),
                PresenceTokens.claims(userId, PresenceTokens.USER_SCOPE).build()));
    }

    /** alg none, claiming the admin scope. */
    public static String unsigned(String userId) {
        return header(ForeignTokens.unsigned(PresenceTokens.claims(userId, PresenceTokens.ADMIN_SCOPE).build()));
    }

    /** The bare token, for where a client might put it other than the header. */
    public static String token(String userId) {
        return TestJwt.TOKENS.user(userId);
    }

    private static String header(String token) {
        return "Bearer " + token;
    }
}
