package io.presencegrid.clienttools.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * HS256 tokens signed with the API's own secret, as scripts/token.sh prints them: {@code sub}, {@code iat},
 * {@code exp} an hour later and {@code scope}. Also with claims of the caller's choosing, for the tokens a
 * test or drill needs the API to judge (expired, not yet valid, without {@code exp} or {@code sub}).
 * Runs in the client that holds the secret: the bench, a drill, a test, token.sh.
 */
public final class PresenceTokens {

    public static final String USER_SCOPE = "presence";
    /** Acts for any user and reads /v1/admin and the actuator. */
    public static final String ADMIN_SCOPE = "presence:admin";
    public static final Duration LIFETIME = Duration.ofHours(1);

    private final byte[] secret;

    /** @param secret the API's HS256 secret, at least 32 bytes */
    public PresenceTokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Signs with the secret the scripts hand over ({@link TokenSecret#fromEnvironment()}). */
    public static PresenceTokens fromEnvironment() {
        return new PresenceTokens(TokenSecret.fromEnvironment());
    }

    public String user(String userId) {
        return signAsIs(claims(userId, USER_SCOPE).build());
    }

    public String admin(String userId) {
        return signAsIs(claims(userId, ADMIN_SCOPE).build());
    }

    /** A user's token whose {@code exp} is {@code expiry}: in the past for an expired one. */
    public String expiringAt(String userId, Instant expiry) {
        return signAsIs(claims(userId, USER_SCOPE).expirationTime(Date.from(expiry)).build());
    }

    /** Signs {@code claims}, adding {@code iat} (now) and {@code exp} (now + {@link #LIFETIME}) unless they are set. */
    public String sign(JWTClaimsSet.Builder claims) {
        Instant now = Instant.now();
        JWTClaimsSet given = claims.build();
        if (given.getIssueTime() == null) {
            claims.issueTime(Date.from(now));
        }
        if (given.getExpirationTime() == null) {
            claims.expirationTime(Date.from(now.plus(LIFETIME)));
        }
        return signAsIs(claims.build());
    }

    /** Signs exactly {@code claims}, nothing added: for tokens that lack a claim the API requires. */
    public String signAsIs(JWTClaimsSet claims) {
        return hs256(secret, claims);
    }

    /**
     * The claims the API wants: {@code sub}, {@code iat} (now), {@code exp} (now + {@link #LIFETIME}) and
     * {@code scope}. A builder, so a caller can add to them or replace one.
     */
    public static JWTClaimsSet.Builder claims(String userId, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(userId).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME))).claim("scope", scope);
    }

    /** A secret nobody else has: 36 random bytes, Base64. */
    public static String randomSecret() {
        byte[] bytes = new byte[36];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String hs256(byte[] key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign HS256 with a key of " + key.length + " bytes", e);
        }
    }
}
