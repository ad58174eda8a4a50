package io.presencegrid.api.socket;

import io.presencegrid.api.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Plain JSON text frames on /v1/ws, no STOMP. The handshake passes through the security chain, so it
 * needs a bearer token (header, or {@code access_token} parameter for browsers). Origins are not
 * restricted: authentication is by token, never by cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    /** A larger frame closes the socket with 1009 (message too big), enforced by {@link FrameAssembler}. */
    static final int MAX_FRAME_BYTES = 64 * 1024;
    /**
     * The container's receive buffers, allocated per socket when it opens: text frames arrive in parts
     * of at most this many chars. Tomcat decodes text through the binary buffer, so that one is not a
     * token either: it sets the bytes decoded per step. Binary frames are not part of the protocol.
     */
    static final int TEXT_BUFFER_CHARS = 512;
    static final int BINARY_BUFFER_BYTES = 512;

    private final PresenceSocketHandler handler;
    private final SocketQuota quota;
    private final SocketRegistry sockets;
    private final ProblemWriter problems;

    WebSocketConfiguration(PresenceSocketHandler handler, SocketQuota quota, SocketRegistry sockets, ProblemWriter problems) {
        this.handler = handler;
        this.quota = quota;
        this.sockets = sockets;
        this.problems = problems;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/v1/ws").setHandshakeHandler(new LeanHandshakeHandler())
                .addInterceptors(new HandshakeProblems(quota, sockets, problems)).setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }
}
