package io.presencegrid.node;

import java.net.BindException;

/** Tells a node start that failed because one of the node's ports was taken from any other failure. */
final class PortTaken {

    /** What the launcher prints when this was the reason; scripts/lib/grid-start.sh looks for it. */
    static final String MESSAGE = "could not bind one of its ports";

    /**
     * Ignite's discovery reports a taken port as an IgniteSpiException without a cause, only its message
     * says so; the communication SPI and the client connector keep the JDK's BindException as a cause.
     */
    private static final String DISCOVERY_BIND_FAILURE = "Failed to bind TCP server socket";

    private PortTaken() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && message.contains(DISCOVERY_BIND_FAILURE)) {
                return true;
            }
        }
        return false;
    }
}
