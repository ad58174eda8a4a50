package io.presencegrid.api.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which keys may verify a token, by the algorithm its header names: HS256 only with the shared secrets,
 * RS256 and ES256 only with public keys (a PEM file, an identity provider's JWKS, or both). Any other
 * algorithm, {@code none} included, finds no key and is refused. Keeping the two apart is what stops
 * the old confusion attack of an HS256 token "signed" with a public key as its secret.
 */
final class TokenKeys implements JWSKeySelector<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);

    private final List<SecretKey> secrets;
    private final PublicKey publicKey;
    private final JWSKeySelector<SecurityContext> jwks;

    /**
     * @param secrets HS256 secrets, current first; empty: HS256 refused
     * @param publicKey an RSA or EC key from a file, or null
     * @param jwks an identity provider's keys, chosen by {@code kid}, or null
     */
    TokenKeys(List<SecretKey> secrets, PublicKey publicKey, JWSKeySelector<SecurityContext> jwks) {
        if (secrets.isEmpty() && publicKey == null && jwks == null) {
            throw new IllegalStateException("no key to verify tokens with: set PRESENCE_JWT_SECRET (or _FILE), "
                    + "PRESENCE_JWT_PUBLIC_KEY_FILE or PRESENCE_JWT_JWKS_URI");
        }
        this.secrets = List.copyOf(secrets);
        this.publicKey = publicKey;
        this.jwks = jwks;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            return secrets;
        }
        if (!JWSAlgorithm.RS256.equals(algorithm) && !JWSAlgorithm.ES256.equals(algorithm)) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>(2);
        if (publicKey != null && fits(publicKey, algorithm)) {
            keys.add(publicKey);
        }
        if (jwks != null) {
            keys.addAll(fromJwks(header, context));
        }
        return keys;
    }

    private static boolean fits(PublicKey key, JWSAlgorithm algorithm) {
        return JWSAlgorithm.RS256.equals(algorithm) ? key instanceof RSAPublicKey : key instanceof ECPublicKey;
    }

    /**
     * An unknown {@code kid} makes the JWKS source fetch the set again, at most once per its rate limit;
     * when that fetch fails or is held back, the token finds no key and gets a 401 rather than a 500.
     */
    private List<? extends Key> fromJwks(JWSHeader header, SecurityContext context) {
        try {
            return jwks.selectJWSKeys(header, context);
        } catch (KeySourceException e) {
            log.warn("No JWKS key for kid {}: {}", header.getKeyID(), e.getMessage());
            return List.of();
        }
    }
}
