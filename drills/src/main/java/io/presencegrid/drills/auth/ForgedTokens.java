package io.presencegrid.drills.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.presencegrid.drills.DrillTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    private final DrillTokens tokens;
    private final RSAKey rsa;

    ForgedTokens(DrillTokens tokens) {
        this.tokens = tokens;
        try {
            this.rsa = new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the drill's RSA key", e);
        }
    }

    /** Every forgery for {@code userId} (who holds the admin scope in the claims where it matters). */
    Map<String, String> all(String userId) {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg_none", new PlainJWT(claims(userId).claim("scope", "presence presence:admin").build()).serialize());
        forged.put("hs256_signature_stripped", stripSignature(tokens.user(userId)));
        forged.put("hs256_wrong_key", DrillTokens.signWith(
                "an-attackers-own-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8), claims(userId).build()));
        // Published in this repository's early history as the development secret: the API refuses to start
        // with it, so nothing it signs may pass.
        forged.put("hs256_published_dev_secret", DrillTokens.signWith(
                "presence-grid-dev-secret-change-me-0123456789".getBytes(StandardCharsets.UTF_8), claims(userId).build()));
        forged.put("rs256_own_key", rs256(claims(userId).build()));
        forged.put("rs_hs_confusion_der", DrillTokens.signWith(rsaPublicKeyDer(), claims(userId).build()));
        forged.put("rs_hs_confusion_pem", DrillTokens.signWith(rsaPublicKeyPem(), claims(userId).build()));
        forged.put("expired", tokens.sign(claims(userId).expirationTime(Date.from(Instant.now().minusSeconds(600))), Duration.ZERO));
        forged.put("not_yet_valid", tokens.sign(claims(userId).notBeforeTime(Date.from(Instant.now().plusSeconds(600))), Duration.ofHours(1)));
        forged.put("no_exp", tokens.signAsIs(new JWTClaimsSet.Builder().subject(userId).issueTime(new Date()).build()));
        forged.put("tampered_sub", tamper(tokens.user(userId + "-other"), "\"sub\":\"" + userId + "\""));
        forged.put("tampered_scope", tamper(tokens.user(userId), "\"sub\":\"" + userId + "\",\"scope\":\"presence:admin\""));
        forged.put("no_sub", tokens.sign(new JWTClaimsSet.Builder(), Duration.ofHours(1)));
        forged.put("sub_not_an_id", tokens.sign(new JWTClaimsSet.Builder().subject("../" + userId), Duration.ofHours(1)));
        forged.put("garbage", "not-a-jwt");
        forged.put("garbage_three_parts", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA");
        return forged;
    }

    private JWTClaimsSet.Builder claims(String userId) {
        return new JWTClaimsSet.Builder().subject(userId).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)));
    }

    private String rs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(rsa));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the drill's RSA key", e);
        }
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
