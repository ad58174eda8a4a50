package io.presencegrid.api.grid;

/**
 * Whether this client node has been behind the topology it knows for too long: discovery has told it of
 * a topology version whose partition map exchange it has not finished. A client finishes one when the
 * coordinator's answer reaches it, about a second after the servers finish theirs; one that never does
 * holds every cache operation of this node for ever. Not thread-safe: one watchdog thread asks.
 */
final class ExchangeLag {

    private final long limitNanos;
    private long behindOnVersion = -1;
    private long behindSinceNanos;

    ExchangeLag(long limitNanos) {
        this.limitNanos = limitNanos;
    }

    /**
     * @param knownVersion the topology version discovery has given this node
     * @param readyVersion the version whose exchange this node has finished
     * @return true once this node has been behind on the same known version for longer than the limit;
     *         the count then starts again
     */
    boolean overdue(long knownVersion, long readyVersion, long nowNanos) {
        if (readyVersion >= knownVersion) {
            behindOnVersion = -1;
            return false;
        }
        if (behindOnVersion != knownVersion) {
            // A newer topology starts a new exchange, and a new wait.
            behindOnVersion = knownVersion;
            behindSinceNanos = nowNanos;
            return false;
        }
        if (nowNanos - behindSinceNanos > limitNanos) {
            behindOnVersion = -1;
            return true;
        }
        return false;
    }
}
