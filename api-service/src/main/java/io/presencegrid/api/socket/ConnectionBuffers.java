package io.presencegrid.api.socket;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sizes the buffers Tomcat allocates for every connection when it opens and keeps until it closes. An
 * idle WebSocket holds seven of them, 8 KiB each by default: some 50 KB of the 62 KB it cost in heap
 * (class histogram of 5,000 idle sockets against none). None of them bounds a message or a request:
 * they only set how many bytes move per read or write.
 * <ul>
 *   <li>The connector's read and write buffers ({@code socket.appReadBufSize}, {@code appWriteBufSize}).
 *   Tomcat's HTTP connector reference: "For an extreme amount of keep alive connections, decrease this
 *   number or increase your heap size." Request headers are parsed in a buffer of their own
 *   ({@code maxHttpRequestHeaderSize} plus one read), pooled per request thread, not per connection; a
 *   body is read in parts; a WebSocket writes its frames straight from its own buffers (NioEndpoint's
 *   gathering write), so after the upgrade the write buffer is not used at all.</li>
 *   <li>Tomcat's WebSocket frame buffers ({@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}, a
 *   system property that {@code org.apache.tomcat.websocket.Constants} reads once): the socket's input
 *   buffer, which a frame is read through in parts; the text encoder's buffer, whose size is the
 *   fragment size of an outbound message (a larger message goes out as continuation frames, every
 *   RFC 6455 client joins them, and Tomcat did so above 8 KiB already); and an output buffer the server
 *   never uses (only masking clients and batching do).</li>
 * </ul>
 * The text and binary message buffers are set in {@link WebSocketConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

    static final int CONNECTION_BUFFER_BYTES = 1024;
    static final int FRAME_BUFFER_BYTES = 1024;
    static final String FRAME_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    /**
     * Runs when the web server is created, before Tomcat starts and so before its WebSocket classes load.
     * An operator's {@code -D} of the frame buffer property wins.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallConnectionBuffers() {
        return factory -> {
            if (System.getProperty(FRAME_BUFFER_PROPERTY) == null) {
                System.setProperty(FRAME_BUFFER_PROPERTY, Integer.toString(FRAME_BUFFER_BYTES));
            }
            factory.addConnectorCustomizers(ConnectionBuffers::sizeSocketBuffers);
        };
    }

    static void sizeSocketBuffers(Connector connector) {
        set(connector, "socket.appReadBufSize", CONNECTION_BUFFER_BYTES);
        set(connector, "socket.appWriteBufSize", CONNECTION_BUFFER_BYTES);
    }

    private static void set(Connector connector, String name, int bytes) {
        if (!connector.setProperty(name, Integer.toString(bytes))) {
            throw new IllegalStateException("Tomcat connector refused " + name + "=" + bytes);
        }
    }
}
