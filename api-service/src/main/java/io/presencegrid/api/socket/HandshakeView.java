package io.presencegrid.api.socket;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The handshake request as an open socket keeps it. When a connection is upgraded, Spring's session
 * and Tomcat's each copy the request's headers, query, parameters and principal, and hold the copies
 * until the socket closes: about 3 KB per socket with the JDK client's seven headers (class histograms
 * of 5,000 idle sockets, with and without this view), more with a browser's cookies and user agent,
 * and several copies of the bearer token. Nothing reads those copies. Through this view:
 * <ul>
 *   <li>no header is listed and there is no body (a handshake is a GET; Spring would copy the
 *   client's {@code Content-Length: 0}), so both copies are empty; the fields of the opening handshake
 *   (RFC 6455, section 4.1) are still answered by name, which is how Tomcat's
 *   {@code UpgradeUtil.doUpgrade} reads them (Connection, Sec-WebSocket-Version, -Key, -Protocol,
 *   -Extensions, Origin);</li>
 *   <li>the query and the parameters have no {@code access_token};</li>
 *   <li>the principal is the one the handshake determined ({@link SocketUser}).</li>
 * </ul>
 * Used for the upgrade only, after authentication and the handshake checks have seen the whole
 * request; Tomcat drops its reference to the view itself once the upgrade is done.
 */
final class HandshakeView extends HttpServletRequestWrapper {

    static final String TOKEN_PARAMETER = "access_token";
    private static final Set<String> HANDSHAKE_HEADERS = caseInsensitive("Upgrade", "Connection", "Origin",
            "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions");

    private final Principal user;

    HandshakeView(HttpServletRequest request, Principal user) {
        super(request);
        this.user = user;
    }

    @Override
    public Principal getUserPrincipal() {
        return user;
    }

    @Override
    public String getHeader(String name) {
        return HANDSHAKE_HEADERS.contains(name) ? super.getHeader(name) : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return HANDSHAKE_HEADERS.contains(name) ? super.getHeaders(name) : Collections.emptyEnumeration();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.emptyEnumeration();
    }

    @Override
    public int getIntHeader(String name) {
        return HANDSHAKE_HEADERS.contains(name) ? super.getIntHeader(name) : -1;
    }

    @Override
    public long getDateHeader(String name) {
        return HANDSHAKE_HEADERS.contains(name) ? super.getDateHeader(name) : -1;
    }

    @Override
    public int getContentLength() {
        return -1;
    }

    @Override
    public long getContentLengthLong() {
        return -1;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public String getQueryString() {
        return withoutToken(super.getQueryString());
    }

    @Override
    public String getParameter(String name) {
        return TOKEN_PARAMETER.equals(name) ? null : super.getParameter(name);
    }

    @Override
    public String[] getParameterValues(String name) {
        return TOKEN_PARAMETER.equals(name) ? null : super.getParameterValues(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
        parameters.remove(TOKEN_PARAMETER);
        return Collections.unmodifiableMap(parameters);
    }

    /** The query without its {@code access_token} pairs, however their name is percent-encoded; null if nothing is left. */
    static String withoutToken(String query) {
        if (query == null) {
            return null;
        }
        String kept = Arrays.stream(query.split("&")).filter(pair -> !isToken(pair)).collect(Collectors.joining("&"));
        return kept.isEmpty() ? null : kept;
    }

    private static boolean isToken(String pair) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        try {
            return TOKEN_PARAMETER.equals(URLDecoder.decode(name, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            // Tomcat skips a parameter whose name does not decode, so it authenticated nobody.
            return false;
        }
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Arrays.asList(names));
        return Collections.unmodifiableSet(set);
    }
}
