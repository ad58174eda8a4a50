package io.presencegrid.api.auth;

import io.presencegrid.api.ratelimit.RateLimitFilter;
import io.presencegrid.api.ratelimit.RateLimiter;
import io.presencegrid.api.web.PresenceRejections;
import io.presencegrid.api.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security: every /v1 request carries an HS256 JWT signed with
 * PRESENCE_JWT_SECRET. Only HS256 verifies (alg=none, RS256 and the rest are 401), {@code exp} is
 * required, {@code exp} and {@code nbf} hold to within 5 s, and {@code sub} must be a valid user id; a
 * token that verified is remembered until it expires ({@link CachingJwtDecoder}). Health, metrics and the
 * OpenAPI documents are open so probes and browsers reach them without a token, and so is the dashboard's
 * static page ({@code /}, {@code /index.html}, {@code /dashboard/**}): it holds no data, and fetches all of
 * it with the token the user pastes.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        return new CachingJwtDecoder(hs256Verifier(properties.secretBytes(), Clock.systemUTC()), CLOCK_SKEW, Clock.systemUTC());
    }

    static JwtDecoder hs256Verifier(byte[] secret, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps,
                // JwtTimestampValidator checks exp only when present: a token without one would never expire.
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                jwt -> io.presencegrid.api.web.Identifiers.isValid(jwt.getSubject())
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "sub: must be a valid user id", null))));
        return decoder;
    }

    /**
     * No observations of the filter chain, authentication or authorization. Disabling them by name
     * ({@code management.observations.enable.spring.security}) only turns each into a no-op: the filter
     * chain is still wrapped filter by filter (ObservationFilterChainDecorator), which JFR showed as
     * several per cent of the API's CPU per status update. Without observations to make, Spring Security
     * does not wrap it at all. {@code http.server.requests} still times every request.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Browsers cannot set headers on a WebSocket handshake: they pass {@code ?access_token=JWT} instead. */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
        resolver.setAllowUriQueryParameter(true);
        return resolver;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, PresenceRejections rejections, RateLimiter rateLimiter) throws Exception {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(rejections);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/index.html", "/dashboard/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, denied) -> {
                            rejections.count("forbidden");
                            Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, denied.getMessage(), request.getRequestURI()));
                        }))
                .addFilterAfter(new RateLimitFilter(rateLimiter, rejections), BearerTokenAuthenticationFilter.class)
                .build();
    }
}
