package io.presencegrid.clienttools.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens not signed with the API's secret, which it must refuse whatever their claims say: HS256 with
 * another key, RS256 with a key pair the client made up, or no signature at all ({@code alg: none}).
 */
public final class ForeignTokens {

    private ForeignTokens() {
    }

    /** HS256 with {@code key} (at least 32 bytes), e.g. an attacker's secret or a public key's bytes. */
    public static String hs256(byte[] key, JWTClaimsSet claims) {
        return PresenceTokens.hs256(key, claims);
    }

    /** RS256 with a key pair made for this token alone. */
    public static String rs256(JWTClaimsSet claims) {
        return rs256(rsaKey(null), claims);
    }

    /** RS256 with {@code key}, naming its {@code kid} in the header when it has one. */
    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign RS256", e);
        }
    }

    /** A fresh 2048-bit RSA key pair, with {@code keyId} as its {@code kid} (none when null). */
    public static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The claims with {@code alg: none} and an empty signature. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
