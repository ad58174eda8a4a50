package io.presencegrid.drills;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Real HS256 tokens, signed with the secret the API under test verifies with. */
public final class DrillTokens {

    private final byte[] secret;

    public DrillTokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The secret of the cluster scripts/drill.sh started, which exports it as PRESENCE_JWT_SECRET. */
    public static DrillTokens fromEnvironment() {
        String secret = System.getenv("PRESENCE_JWT_SECRET");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("PRESENCE_JWT_SECRET is not set: run the drills through scripts/drill.sh");
        }
        return new DrillTokens(secret);
    }

    public String user(String userId) {
        return sign(new JWTClaimsSet.Builder().subject(userId), Duration.ofHours(1));
    }

    public String admin(String userId) {
        return sign(new JWTClaimsSet.Builder().subject(userId).claim("scope", "presence:admin"), Duration.ofHours(1));
    }

    /** Signs the claims with the right key, adding iat and exp (now + lifetime) unless already set. */
    public String sign(JWTClaimsSet.Builder claims, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet built = claims.build();
        if (built.getIssueTime() == null) {
            claims.issueTime(Date.from(now));
        }
        if (built.getExpirationTime() == null) {
            claims.expirationTime(Date.from(now.plus(lifetime)));
        }
        return signWith(secret, claims.build());
    }

    /** Signs exactly {@code claims} with the right key: no iat or exp added. */
    public String signAsIs(JWTClaimsSet claims) {
        return signWith(secret, claims);
    }

    public static String signWith(byte[] key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a drill token", e);
        }
    }
}
