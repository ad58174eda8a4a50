package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import java.security.Principal;

/**
 * Who opened a socket, kept as its principal for as long as it is open: the {@link Caller} alone. The
 * authentication behind it (the decoded JWT with its claims, headers, token text and authorities,
 * about 1 KB) is needed for the handshake only.
 */
record SocketUser(Caller caller) implements Principal {

    @Override
    public String getName() {
        return caller.userId();
    }
}
