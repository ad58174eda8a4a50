package io.presencegrid.api.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Builds the API's token verifier from its configuration: the keys, the claim rules and the cache in front. */
final class TokenDecoders {

    /**
     * Least time between two fetches of the JWKS: a flood of tokens with made-up {@code kid}s must not
     * become a flood of requests to the identity provider. A key the provider adds is found by the first
     * token that names it after this long; the set is refetched every five minutes anyway (Nimbus's
     * default cache time).
     */
    static final Duration JWKS_MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);

    private TokenDecoders() {
    }

    /** The decoder the API uses: every configured key, the configured rules, verified tokens remembered. */
    static JwtDecoder fromProperties(AuthProperties properties, Clock clock) {
        String jwksUri = properties.jwtJwksUri();
        String publicKeyFile = properties.jwtPublicKeyFile();
        TokenKeys keys = new TokenKeys(HmacSecrets.from(properties),
                isSet(publicKeyFile) ? PemPublicKey.read(Path.of(publicKeyFile)) : null,
                isSet(jwksUri) ? jwks(url(jwksUri), JWKS_MIN_REFETCH_INTERVAL) : null);
        TokenRules rules = TokenRules.from(properties, clock);
        return new CachingJwtDecoder(verifier(keys, rules), rules::usableUntil, clock);
    }

    /** Verifies each token's signature with {@code keys} and its claims with {@code rules}; remembers nothing. */
    static JwtDecoder verifier(TokenKeys keys, TokenRules rules) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        // Identity providers type access tokens "at+jwt" (RFC 9068); others say "JWT" or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        // The rules below judge the claims; Nimbus's own check, with a minute of skew, would be a second, looser one.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(rules.validator());
        return decoder;
    }

    /**
     * RS256 and ES256 keys from a JWKS, chosen by the token's {@code kid}, cached and refreshed by Nimbus's
     * JWK source (fetched again before the cached set goes stale, and when a token names a {@code kid}
     * the set lacks, at most once per {@code minRefetchInterval}).
     */
    static JWSKeySelector<SecurityContext> jwks(URL url, Duration minRefetchInterval) {
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url)
                .rateLimited(minRefetchInterval.toMillis())
                .build();
        return new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), source);
    }

    private static URL url(String uri) {
        try {
            return URI.create(uri).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IllegalStateException("PRESENCE_JWT_JWKS_URI is not a URL: " + uri, e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
