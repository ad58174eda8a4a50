package io.presencegrid.api.ratelimit;

import io.presencegrid.api.web.PresenceRejections;
import io.presencegrid.api.web.ProblemWriter;
import io.presencegrid.api.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Charges every authenticated /v1 request to its caller's budget; over it, 429 with Retry-After.
 * Sits right after bearer-token authentication in the security chain, so the key is the verified
 * {@code sub}, never something the client merely claims.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final PresenceRejections rejections;
    private final ProblemWriter problems;

    public RateLimitFilter(RateLimiter limiter, PresenceRejections rejections, ProblemWriter problems) {
        this.limiter = limiter;
        this.rejections = rejections;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated()) {
            RateLimiter.Decision decision = limiter.tryAcquire(caller.getName());
            if (!decision.allowed()) {
                rejections.count("rate_limited");
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
                problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS,
                        "rate limit: too many requests for user " + caller.getName(), request.getRequestURI()));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
