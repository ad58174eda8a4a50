package io.presencegrid.api.grid;

import java.util.function.Supplier;
import org.apache.ignite.cache.query.QueryCursor;

/**
 * One continuous query of this API node, registered again after the client reconnects: its remote filter
 * names this node by id, and a reconnected client has a new one. What registers it is the caller's.
 */
final class ContinuousQueryHandle {

    private final Supplier<QueryCursor<?>> register;
    private volatile QueryCursor<?> query;

    ContinuousQueryHandle(Supplier<QueryCursor<?>> register) {
        this.register = register;
    }

    void start() {
        query = register.get();
    }

    /** After a reconnect: the old registration died with the old node id, if it is not already gone. */
    void restart() {
        QueryCursor<?> old = query;
        try {
            if (old != null) {
                old.close();
            }
        } catch (RuntimeException alreadyGone) {
            // The routine died with the old node id; nothing to stop.
        }
        start();
    }

    void stop() {
        QueryCursor<?> running = query;
        query = null;
        if (running != null) {
            running.close();
        }
    }

    boolean isRunning() {
        return query != null;
    }
}
