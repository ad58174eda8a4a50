package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencegrid.api.web.ProblemWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** A handshake that reaches a stopping node is told to go elsewhere, as a problem naming why. */
class HandshakeProblemsTest {

    private final SocketRegistry sockets = new SocketRegistry(new SocketMeters(new SimpleMeterRegistry()));
    private final HandshakeProblems problems = new HandshakeProblems(new SocketQuota(new SocketProperties(60, 2, 5)), sockets,
            new ProblemWriter(JsonMapper.builder().build()));

    @Test
    void aHandshakeGoesThroughUntilTheNodeStopsAndGetsA503After() throws Exception {
        MockHttpServletResponse before = new MockHttpServletResponse();
        assertThat(problems.beforeHandshake(new ServletServerHttpRequest(handshake()), new ServletServerHttpResponse(before), null,
                new HashMap<>())).isTrue();

        sockets.closeForGood(SocketProtocol.GOING_AWAY);
        MockHttpServletResponse after = new MockHttpServletResponse();
        ServletServerHttpResponse response = new ServletServerHttpResponse(after);
        boolean accepted = problems.beforeHandshake(new ServletServerHttpRequest(handshake()), response, null, new HashMap<>());
        response.flush();

        assertThat(accepted).isFalse();
        assertThat(after.getStatus()).isEqualTo(503);
        assertThat(after.getContentType()).isEqualTo("application/problem+json");
        assertThat(after.getContentAsString(StandardCharsets.UTF_8)).contains("stopping");
    }

    private static MockHttpServletRequest handshake() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/ws");
        request.addHeader("Upgrade", "websocket");
        request.addHeader("Connection", "Upgrade");
        request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.addHeader("Sec-WebSocket-Version", "13");
        return request;
    }
}
