package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/** The buffer sizes reach Tomcat's connector and WebSocket settings, and an operator's -D still wins. */
class ConnectionBuffersTest {

    private final String operatorsValue = System.getProperty(ConnectionBuffers.FRAME_BUFFER_PROPERTY);

    @AfterEach
    void restore() {
        if (operatorsValue == null) {
            System.clearProperty(ConnectionBuffers.FRAME_BUFFER_PROPERTY);
        } else {
            System.setProperty(ConnectionBuffers.FRAME_BUFFER_PROPERTY, operatorsValue);
        }
    }

    @Test
    void theConnectorsReadAndWriteBuffersAreOneKiB() {
        Connector connector = new Connector("HTTP/1.1");

        ConnectionBuffers.sizeSocketBuffers(connector);

        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("1024");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("1024");
    }

    @Test
    void theFrameBufferSizeIsSetWhenNobodySetIt() {
        System.clearProperty(ConnectionBuffers.FRAME_BUFFER_PROPERTY);

        new ConnectionBuffers().smallConnectionBuffers().customize(new TomcatServletWebServerFactory());

        assertThat(System.getProperty(ConnectionBuffers.FRAME_BUFFER_PROPERTY)).isEqualTo("1024");
    }

    @Test
    void anOperatorsFrameBufferSizeIsKept() {
        System.setProperty(ConnectionBuffers.FRAME_BUFFER_PROPERTY, "4096");

        new ConnectionBuffers().smallConnectionBuffers().customize(new TomcatServletWebServerFactory());

        assertThat(System.getProperty(ConnectionBuffers.FRAME_BUFFER_PROPERTY)).isEqualTo("4096");
    }
}
