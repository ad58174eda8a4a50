package io.presencegrid.api.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Real signed JWTs for the API's tests, good and bad. */
public final class Tokens {

    /** Drawn afresh by every test JVM: a secret written in the repository is one the API refuses. */
    public static final String SECRET = randomSecret();

    private Tokens() {
    }

    public static String user(String userId) {
        return hs256(SECRET, claims(userId, "presence", Instant.now().plusSeconds(600)));
    }

    public static String admin(String userId) {
        return hs256(SECRET, claims(userId, "presence presence:admin", Instant.now().plusSeconds(600)));
    }

    /** A valid token made long by a claim of {@code padChars} characters, as tokens carrying many claims are. */
    public static String padded(String userId, int padChars) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(userId, "presence", Instant.now().plusSeconds(600)))
                .claim("pad", "x".repeat(padChars)).build();
        return hs256(SECRET, claims);
    }

    public static String expiringAt(String userId, Instant expires) {
        return hs256(SECRET, claims(userId, "presence", expires));
    }

    public static String expired(String userId) {
        return hs256(SECRET, claims(userId, "presence", Instant.now().minusSeconds(120)));
    }

    public static String signedWith(String secret, String userId) {
        return hs256(secret, claims(userId, "presence", Instant.now().plusSeconds(600)));
    }

    public static String unsigned(String userId) {
        return new PlainJWT(claims(userId, "presence presence:admin", Instant.now().plusSeconds(600))).serialize();
    }

    public static String rs256(String userId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(userId, "presence", Instant.now().plusSeconds(600)));
            jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String randomSecret() {
        byte[] bytes = new byte[36];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static JWTClaimsSet claims(String userId, String scope, Instant expires) {
        return new JWTClaimsSet.Builder().subject(userId).claim("scope", scope)
                .issueTime(new Date()).expirationTime(Date.from(expires)).build();
    }

    private static String hs256(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
