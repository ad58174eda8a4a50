package io.presencegrid.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests that arrived on the actuator's own port, when {@code management.server.port} gives it
 * one. The port is read as the management server bound it ({@code local.management.port}, set only
 * when it has a server of its own): configured as 0, it is a random one. Every request passes here, the API's own included, so the lookup happens
 * once and the answer is one comparison afterwards.
 */
final class ManagementPortRequests implements RequestMatcher {

    private final Environment environment;
    private final boolean ownPort;
    private volatile int boundPort = -1;

    ManagementPortRequests(Environment environment) {
        this.environment = environment;
        Integer configured = environment.getProperty("management.server.port", Integer.class);
        // Configured as the API's own port, the actuator stays there and local.management.port is never set.
        this.ownPort = configured != null && configured >= 0;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        return ownPort && request.getLocalPort() == boundPort();
    }

    private int boundPort() {
        int port = boundPort;
        if (port < 0) {
            Integer bound = environment.getProperty("local.management.port", Integer.class);
            if (bound == null) {
                return -1;
            }
            boundPort = port = bound;
        }
        return port;
    }
}
