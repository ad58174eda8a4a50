package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.auth.Caller;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** What Spring's and Tomcat's copies of a handshake can take from the view: no bearer token, no header list. */
class HandshakeViewTest {

    private static final SocketUser BOB = new SocketUser(new Caller("bob", false));

    @Test
    void theTokenLeavesTheQueryAndTheParametersAndTheDeviceStays() {
        HandshakeView view = new HandshakeView(handshake("access_token=eyJ.payload.sig&device=laptop"), BOB);

        assertThat(view.getQueryString()).isEqualTo("device=laptop");
        assertThat(view.getParameterMap()).containsOnlyKeys("device");
        assertThat(view.getParameter("access_token")).isNull();
        assertThat(view.getParameterValues("access_token")).isNull();
        assertThat(Collections.list(view.getParameterNames())).containsExactly("device");
        assertThat(view.getParameter("device")).isEqualTo("laptop");
    }

    @Test
    void aQueryOfTheTokenAloneBecomesNoQuery() {
        assertThat(HandshakeView.withoutToken("access_token=a.b.c")).isNull();
        assertThat(HandshakeView.withoutToken(null)).isNull();
    }

    @Test
    void aPercentEncodedTokenNameIsStillTheToken() {
        assertThat(HandshakeView.withoutToken("access%5Ftoken=a.b.c&device=x&access_token=d.e.f")).isEqualTo("device=x");
    }

    @Test
    void aNameThatDoesNotDecodeIsKept() {
        assertThat(HandshakeView.withoutToken("access%ZZtoken=1&device=x")).isEqualTo("access%ZZtoken=1&device=x");
    }

    @Test
    void noHeaderIsListedButTheHandshakeFieldsAnswerByName() {
        MockHttpServletRequest request = handshake("device=x");
        request.addHeader("Cookie", "session=secret");
        request.addHeader("Authorization", "Bearer eyJ.payload.sig");
        request.addHeader("Content-Length", "0");
        request.setContent(new byte[0]);
        HandshakeView view = new HandshakeView(request, BOB);

        assertThat(Collections.list(view.getHeaderNames())).isEmpty();
        assertThat(view.getHeader("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(Collections.list(view.getHeaders("Connection"))).containsExactly("Upgrade");
        assertThat(view.getIntHeader("Sec-WebSocket-Version")).isEqualTo(13);
        assertThat(view.getContentLengthLong()).isEqualTo(-1);
        assertThat(view.getContentType()).isNull();
        assertThat(view.getHeader("Cookie")).isNull();
        assertThat(view.getHeader("Authorization")).isNull();
        assertThat(Collections.list(view.getHeaders("Authorization"))).isEmpty();
    }

    @Test
    void thePrincipalIsTheSocketUser() {
        MockHttpServletRequest request = handshake("");
        request.setUserPrincipal(() -> "the whole authentication");

        assertThat(new HandshakeView(request, BOB).getUserPrincipal()).isSameAs(BOB);
    }

    private static MockHttpServletRequest handshake(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/ws");
        request.setQueryString(query.isEmpty() ? null : query);
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                String[] nameAndValue = pair.split("=", 2);
                request.addParameter(java.net.URLDecoder.decode(nameAndValue[0], java.nio.charset.StandardCharsets.UTF_8),
                        nameAndValue[1]);
            }
        }
        request.addHeader("Upgrade", "websocket");
        request.addHeader("Connection", "Upgrade");
        request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.addHeader("Sec-WebSocket-Version", "13");
        return request;
    }
}
