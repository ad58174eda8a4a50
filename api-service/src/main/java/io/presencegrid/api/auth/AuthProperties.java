package io.presencegrid.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the keys that verify tokens come from, and what a token's claims must say
 * ({@code presence.auth.*}, from the PRESENCE_JWT_* variables; README, "Configuration").
 *
 * @param jwtSecret HS256 secret (PRESENCE_JWT_SECRET)
 * @param jwtSecretFile a file holding it instead (PRESENCE_JWT_SECRET_FILE), as containers pass secrets
 * @param jwtPreviousSecret the secret being rotated out, still accepted during the overlap
 *     (PRESENCE_JWT_PREVIOUS_SECRET)
 * @param jwtPreviousSecretFile a file holding it instead (PRESENCE_JWT_PREVIOUS_SECRET_FILE)
 * @param jwtPublicKeyFile an RSA or EC public key in PEM that verifies RS256 or ES256 tokens
 *     (PRESENCE_JWT_PUBLIC_KEY_FILE)
 * @param jwtJwksUri an identity provider's JWKS whose keys verify RS256 and ES256 tokens by {@code kid}
 *     (PRESENCE_JWT_JWKS_URI)
 * @param jwtIssuer when set, the only {@code iss} accepted (PRESENCE_JWT_ISSUER)
 * @param jwtAudience when set, {@code aud} must name it (PRESENCE_JWT_AUDIENCE)
 * @param jwtMaxAgeSeconds when above 0, a token issued ({@code iat}) longer ago than this is refused
 *     whatever its {@code exp} (PRESENCE_JWT_MAX_AGE_SECONDS)
 */
@ConfigurationProperties("presence.auth")
public record AuthProperties(String jwtSecret, String jwtSecretFile, String jwtPreviousSecret,
        String jwtPreviousSecretFile, String jwtPublicKeyFile, String jwtJwksUri, String jwtIssuer,
        String jwtAudience, long jwtMaxAgeSeconds) {

    /** Only an HS256 secret, as tests and the local cluster configure it. */
    public static AuthProperties ofSecret(String secret) {
        return new AuthProperties(secret, null, null, null, null, null, null, null, 0);
    }
}
