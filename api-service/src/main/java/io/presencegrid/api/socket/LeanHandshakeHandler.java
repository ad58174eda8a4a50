package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake, except that what the open socket keeps of it is lean: its principal is a
 * {@link SocketUser}, and Spring's and Tomcat's copies of the request are taken from a
 * {@link HandshakeView}. Spring's own upgrade (the Jakarta WebSocket 2.1 {@code upgradeHttpToWebSocket})
 * does the work; it is handed the view instead of the request.
 */
final class LeanHandshakeHandler extends DefaultHandshakeHandler {

    LeanHandshakeHandler() {
        super(new ViewUpgradeStrategy(new StandardWebSocketUpgradeStrategy()));
    }

    /** Spring's hook for "custom logic for associating a user with a session" (AbstractHandshakeHandler). */
    @Override
    protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler, Map<String, Object> attributes) {
        // The security chain lets no unauthenticated request reach /v1/ws.
        return new SocketUser(Caller.of((Authentication) request.getPrincipal()));
    }

    private record ViewUpgradeStrategy(RequestUpgradeStrategy upgrade) implements RequestUpgradeStrategy {

        @Override
        public String[] getSupportedVersions() {
            return upgrade.getSupportedVersions();
        }

        @Override
        public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
            return upgrade.getSupportedExtensions(request);
        }

        @Override
        public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
                            List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler handler,
                            Map<String, Object> attributes) {
            ServletServerHttpRequest servlet = (ServletServerHttpRequest) request;
            upgrade.upgrade(new ServletServerHttpRequest(new HandshakeView(servlet.getServletRequest(), user)), response,
                    selectedProtocol, selectedExtensions, user, handler, attributes);
        }
    }
}
