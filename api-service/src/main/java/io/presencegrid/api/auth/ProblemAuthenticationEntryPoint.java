package io.presencegrid.api.auth;

import io.presencegrid.api.web.PresenceRejections;
import io.presencegrid.api.web.ProblemWriter;
import io.presencegrid.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json, keeping the {@code WWW-Authenticate: Bearer ...} header the resource server
 * would send, so clients learn why (missing, expired, bad signature) both ways.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final PresenceRejections rejections;
    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(PresenceRejections rejections, ProblemWriter problems) {
        this.rejections = rejections;
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearer.commence(request, response, e);
        rejections.count("unauthorized");
        problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, detail(request, e), request.getRequestURI()));
    }

    private static String detail(HttpServletRequest request, AuthenticationException e) {
        if (request.getHeader("Authorization") != null) {
            return "Authorization: invalid token (" + e.getMessage() + ")";
        }
        if (request.getParameter("access_token") == null) {
            return "Authorization: a bearer token is required";
        }
        return SecurityConfiguration.WEB_SOCKET_PATH.equals(request.getRequestURI())
                ? "access_token: invalid token (" + e.getMessage() + ")"
                : "Authorization: a bearer token is required in this header; access_token in the URL is accepted only on the "
                        + "WebSocket handshake (" + SecurityConfiguration.WEB_SOCKET_PATH + ")";
    }
}
