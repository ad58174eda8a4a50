package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.web.ProblemWriter;
import io.presencegrid.api.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a request to /v1/ws that is no WebSocket handshake (another method, no
 * {@code Upgrade: websocket}, no key, another protocol version) with a problem+json, before Spring's
 * handshake handler would answer it with a bare status or a plain-text body; and the handshake of a
 * user who holds as many sockets as {@link SocketQuota} allows, with a 429 problem. (Two handshakes
 * racing past this check are settled by the handler, which counts them and closes the one too many.) While
 * the node stops, every handshake gets a 503 problem.
 */
final class HandshakeProblems implements HandshakeInterceptor {

    private final SocketQuota quota;
    private final SocketRegistry sockets;
    private final ProblemWriter problems;

    HandshakeProblems(SocketQuota quota, SocketRegistry sockets, ProblemWriter problems) {
        this.quota = quota;
        this.sockets = sockets;
        this.problems = problems;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws Exception {
        HttpHeaders headers = request.getHeaders();
        if (request.getMethod() != HttpMethod.GET) {
            response.getHeaders().setAllow(java.util.Set.of(HttpMethod.GET));
            return refuse(request, response, HttpStatus.METHOD_NOT_ALLOWED, "method: a WebSocket handshake is a GET");
        }
        if (!"websocket".equalsIgnoreCase(headers.getUpgrade())) {
            return refuse(request, response, HttpStatus.BAD_REQUEST, "Upgrade: must be websocket");
        }
        if (headers.getConnection().stream().noneMatch("upgrade"::equalsIgnoreCase)) {
            return refuse(request, response, HttpStatus.BAD_REQUEST, "Connection: must include Upgrade");
        }
        if (headers.getFirst("Sec-WebSocket-Key") == null) {
            return refuse(request, response, HttpStatus.BAD_REQUEST, "Sec-WebSocket-Key: required");
        }
        if (!List.of("13").equals(headers.getOrEmpty("Sec-WebSocket-Version"))) {
            response.getHeaders().set("Sec-WebSocket-Version", "13");
            return refuse(request, response, HttpStatus.UPGRADE_REQUIRED, "Sec-WebSocket-Version: must be 13");
        }
        if (sockets.closedForGood()) {
            // A client told to go away (1001) that comes straight back here must try another node.
            return refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "this API node is stopping; connect to another");
        }
        if (request.getPrincipal() instanceof Authentication authentication && quota.full(Caller.of(authentication).userId())) {
            // No Retry-After: a socket frees a place when it closes, not after a time.
            return refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, tooManySockets(quota));
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    private static String tooManySockets(SocketQuota quota) {
        return "sockets: at most " + quota.maxPerUser() + " open per user on one API node; close one first";
    }

    private boolean refuse(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        ProblemDetail problem = Problems.of(status, detail, request.getURI().getRawPath());
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(problems.json(problem).getBytes(StandardCharsets.UTF_8));
        return false;
    }
}
