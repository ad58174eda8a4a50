package io.presencegrid.drills.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.presencegrid.clienttools.token.ForeignTokens;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens an attacker could present for {@code userId}, each of which the API must refuse with 401:
 * by name, so a failure says which forgery got through. The RSA key is the drill's own, generated
 * fresh: the API has never seen it.
 */
final class ForgedTokens {

    private final PresenceTokens tokens;
    private final RSAKey rsa;

    ForgedTokens(PresenceTokens tokens) {
        this.tokens = tokens;
        this.rsa = ForeignTokens.rsaKey(null);
    }

    /** Every forgery for {@code userId} (who holds the admin scope in the claims where it matters). */
    Map<String, String> all(String userId) {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg_none", ForeignTokens.unsigned(claims(userId).claim("scope", "presence presence:admin").build()));
        forged.put("hs256_signature_stripped", stripSignature(tokens.user(userId)));
        forged.put("hs256_wrong_key", ForeignTokens.hs256(
                "an-attackers-own-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8), claims(userId).build()));
        // Published in this repository's early history as the development secret: the API refuses to start
        // with it, so nothing it signs may pass.
        forged.put("hs256_published_dev_secret", ForeignTokens.hs256(
                "presence-grid-dev-secret-change-me-0123456789".getBytes(StandardCharsets.UTF_8), claims(userId).build()));
        forged.put("rs256_own_key", ForeignTokens.rs256(rsa, claims(userId).build()));
        forged.put("rs_hs_confusion_der", ForeignTokens.hs256(rsaPublicKeyDer(), claims(userId).build()));
        forged.put("rs_hs_confusion_pem", ForeignTokens.hs256(rsaPublicKeyPem(), claims(userId).build()));
        forged.put("expired", tokens.sign(claims(userId).expirationTime(Date.from(Instant.now().minusSeconds(600)))));
        forged.put("not_yet_valid", tokens.sign(claims(userId).notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
        forged.put("no_exp", tokens.signAsIs(new JWTClaimsSet.Builder().subject(userId).issueTime(new Date()).build()));
        forged.put("tampered_sub", tamper(tokens.user(userId + "-other"), "\"sub\":\"" + userId + "\""));
        forged.put("tampered_scope", tamper(tokens.user(userId), "\"sub\":\"" + userId + "\",\"scope\":\"presence:admin\""));
        forged.put("no_sub", tokens.sign(new JWTClaimsSet.Builder()));
        forged.put("sub_not_an_id", tokens.sign(new JWTClaimsSet.Builder().subject("../" + userId)));
        forged.put("garbage", "not-a-jwt");
        forged.put("garbage_three_parts", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA");
        return forged;
    }

    private JWTClaimsSet.Builder claims(String userId) {
        return new JWTClaimsSet.Builder().subject(userId).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)));
    }

    /** The public key's X.509 encoding: what a server confused into HMAC would use as the secret. */
    private byte[] rsaPublicKeyDer() {
        try {
            return rsa.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] rsaPublicKeyPem() {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsaPublicKeyDer())
                + "\n-----END PUBLIC KEY-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }

    /** Keeps header and payload of a real token, drops its signature: header.payload. */
    private static String stripSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    /**
     * Replaces the payload of a correctly signed token with {@code {claims,"exp":...}} and keeps the
     * old signature, as an attacker who edits a token they hold would.
     */
    private static String tamper(String token, String claims) {
        String[] parts = token.split("\\.");
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String payload = "{" + claims + ",\"exp\":" + exp + "}";
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
