package io.presencegrid.api.auth;

import io.presencegrid.api.web.Identifiers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a verified token's claims must say: an {@code exp} (a token without one would never expire),
 * {@code exp} and {@code nbf} holding to within {@link #CLOCK_SKEW}, a {@code sub} that is a valid user
 * id, and, where configured, the issuer, the audience and a maximum age since {@code iat}.
 */
final class TokenRules {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final String issuer;
    private final String audience;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param issuer the only {@code iss} accepted, or null for any
     * @param audience a value {@code aud} must hold, or null for any
     * @param maxAge the longest a token may be used after its {@code iat}, or zero for no limit
     */
    TokenRules(String issuer, String audience, Duration maxAge, Clock clock) {
        this.issuer = blankToNull(issuer);
        this.audience = blankToNull(audience);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    static TokenRules from(AuthProperties properties, Clock clock) {
        if (properties.jwtMaxAgeSeconds() < 0) {
            throw new IllegalStateException("PRESENCE_JWT_MAX_AGE_SECONDS must be 0 (no limit) or more, not "
                    + properties.jwtMaxAgeSeconds());
        }
        return new TokenRules(properties.jwtIssuer(), properties.jwtAudience(),
                Duration.ofSeconds(properties.jwtMaxAgeSeconds()), clock);
    }

    OAuth2TokenValidator<Jwt> validator() {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        rules.add(timestamps);
        rules.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        rules.add(jwt -> Identifiers.isValid(jwt.getSubject())
                ? OAuth2TokenValidatorResult.success()
                : failure("sub: must be a valid user id"));
        if (issuer != null) {
            rules.add(new JwtIssuerValidator(issuer));
        }
        if (audience != null) {
            rules.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                    ? OAuth2TokenValidatorResult.success()
                    : failure("aud: must name " + audience));
        }
        if (!maxAge.isZero()) {
            rules.add(jwt -> young(jwt) ? OAuth2TokenValidatorResult.success()
                    : failure("iat: tokens may be used for at most " + maxAge.toSeconds() + " s after they are issued"));
        }
        return new DelegatingOAuth2TokenValidator<>(rules);
    }

    /** Until when a token that passed may be taken as verified without checking it again. */
    Instant usableUntil(Jwt jwt) {
        Instant until = jwt.getExpiresAt() == null ? Instant.MIN : jwt.getExpiresAt().plus(CLOCK_SKEW);
        if (!maxAge.isZero()) {
            Instant aged = jwt.getIssuedAt() == null ? Instant.MIN : agedOutAt(jwt.getIssuedAt());
            until = until.isBefore(aged) ? until : aged;
        }
        return until;
    }

    private boolean young(Jwt jwt) {
        Instant issued = jwt.getIssuedAt();
        Instant now = clock.instant();
        return issued != null && !issued.isAfter(now.plus(CLOCK_SKEW)) && !agedOutAt(issued).isBefore(now);
    }

    /** The last moment a token issued at {@code issued} is young enough, skew included. */
    private Instant agedOutAt(Instant issued) {
        return issued.plus(maxAge).plus(CLOCK_SKEW);
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
