package io.presencegrid.api.auth;

import io.presencegrid.api.ratelimit.RateLimitFilter;
import io.presencegrid.api.ratelimit.RateLimiter;
import io.presencegrid.api.web.PresenceRejections;
import io.presencegrid.api.web.ProblemWriter;
import io.presencegrid.api.web.Problems;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security: every /v1 request carries a JWT, HS256 with the shared secret or
 * RS256/ES256 with an identity provider's keys ({@link TokenKeys}; alg=none and every other algorithm
 * are 401). The claims must pass {@link TokenRules}; a token that verified is remembered while they hold
 * ({@link CachingJwtDecoder}). Health (status only) and the API's descriptions (OpenAPI, and AsyncAPI for
 * the WebSocket) are open so probes, browsers and client generators reach them without a token; metrics,
 * build info and health details need the admin scope, or a management port of their own. The dashboard's
 * and the demo room's static pages are open too ({@code /}, {@code /index.html}, {@code /dashboard/**},
 * {@code /demo/**}): they hold no data, and fetch all of it with the token the user pastes.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The WebSocket endpoint (socket.WebSocketConfiguration registers it), whose handshake may carry the token in its query. */
    static final String WEB_SOCKET_PATH = "/v1/ws";

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        return TokenDecoders.fromProperties(properties, Clock.systemUTC());
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

    /**
     * Browsers cannot set headers on a WebSocket handshake: there, and only there, the token may come as
     * {@code ?access_token=JWT}. Anywhere else a token in the URL would end up in access logs, proxies and
     * browser history, so a REST call must send the header.
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> WEB_SOCKET_PATH.equals(request.getRequestURI())
                ? headerOrQuery.resolve(request)
                : headerOnly.resolve(request);
    }

    /**
     * The actuator on a port of its own ({@code PRESENCE_MANAGEMENT_PORT}): Spring Boot serves it from a
     * child context that the same filter chains guard, and path matchers cannot tell its requests from
     * the API's, so this chain, tried first, takes every request that arrived on that port. Metrics and
     * build info need no token there; a token is still read, so an admin sees the health details.
     */
    @Bean
    @Order(1)
    SecurityFilterChain managementPort(HttpSecurity http, PresenceRejections rejections, ProblemWriter problems,
                                       Environment environment) throws Exception {
        return statelessBearerTokens(http, new ProblemAuthenticationEntryPoint(rejections, problems))
                .securityMatcher(new ManagementPortRequests(environment))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, PresenceRejections rejections, ProblemWriter problems,
                            RateLimiter rateLimiter) throws Exception {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(rejections, problems);
        return statelessBearerTokens(http, unauthorized)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/index.html", "/dashboard/**", "/demo/**").permitAll()
                        // Probes need no token, and see UP or DOWN only; an admin token shows the details.
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Caller.ADMIN_AUTHORITY)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/asyncapi.json", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, denied) -> {
                            rejections.count("forbidden");
                            problems.write(response, Problems.of(HttpStatus.FORBIDDEN, denied.getMessage(), request.getRequestURI()));
                        }))
                .addFilterAfter(new RateLimitFilter(rateLimiter, rejections, problems), BearerTokenAuthenticationFilter.class)
                .build();
    }

    /** What both chains share: no sessions, no CSRF (no cookies to forge with), bearer JWTs answered with problems. */
    private static HttpSecurity statelessBearerTokens(HttpSecurity http, ProblemAuthenticationEntryPoint unauthorized)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized));
    }
}
