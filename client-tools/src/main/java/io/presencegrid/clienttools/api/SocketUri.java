package io.presencegrid.clienttools.api;

import java.net.URI;

/** Where a client opens the API's WebSocket, {@code /v1/ws}, with its token as {@code access_token}. */
public final class SocketUri {

    private SocketUri() {
    }

    /** An observing socket: it follows users and holds no device session. */
    public static URI observer(String httpBase, String token) {
        return URI.create(wsBase(httpBase) + "/v1/ws?access_token=" + token);
    }

    /** A device socket: it keeps {@code device}'s session of the token's user alive while it is open. */
    public static URI device(String httpBase, String token, String device) {
        return URI.create(wsBase(httpBase) + "/v1/ws?access_token=" + token + "&device=" + device);
    }

    private static String wsBase(String httpBase) {
        String base = httpBase.endsWith("/") ? httpBase.substring(0, httpBase.length() - 1) : httpBase;
        return base.replaceFirst("^http", "ws");
    }
}
