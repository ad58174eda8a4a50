package io.presencegrid.api.socket;

import org.springframework.stereotype.Component;

/** Where the grid's event feed hands what it learns: changes to the socket hub, losing the grid to the sockets. */
@Component
public class PresenceChangeSink {

    private final SocketHub hub;
    private final SocketRegistry sockets;

    PresenceChangeSink(SocketHub hub, SocketRegistry sockets) {
        this.hub = hub;
        this.sockets = sockets;
    }

    public void dispatch(PresenceChange change) {
        hub.dispatch(change);
    }

    /** This node dropped out of the grid: every socket is closed with 1012 (service restart). */
    public void gridLost() {
        sockets.closeAll(SocketProtocol.GRID_LOST.withReason("presence grid connection lost, reconnect"));
    }
}
