package io.presencegrid.api.socket;

import org.springframework.stereotype.Component;

/** Where the grid's event feed hands changes: this node's socket hub. */
@Component
public class PresenceChangeSink {

    private final SocketHub hub;

    PresenceChangeSink(SocketHub hub) {
        this.hub = hub;
    }

    public void dispatch(PresenceChange change) {
        hub.dispatch(change);
    }
}
