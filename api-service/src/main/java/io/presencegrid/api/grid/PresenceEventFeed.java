package io.presencegrid.api.grid;

import io.presencegrid.api.socket.PresenceChange;
import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.events.PresenceChangeFilterFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.cache.event.CacheEntryEvent;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.events.EventType;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This API node's one continuous query on PRESENCE. The remote filter ({@code PresenceChangeFilter})
 * runs on the server nodes and forwards only visible changes of users this node has sockets for; here,
 * each event becomes a {@link PresenceChange} handed to the socket hub on a single thread, which keeps
 * Ignite's callback threads free and the grid's per-user order intact. The query is removed by the
 * grid when this node leaves (auto-unsubscribe).
 */
@Component
class PresenceEventFeed implements SmartLifecycle {

    private final Ignite ignite;
    private final io.presencegrid.api.socket.PresenceChangeSink sink;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(DaemonThreads.named("presence-event-dispatch"));
    private final ContinuousQueryHandle query = new ContinuousQueryHandle(this::register);
    /** False from the moment the client leaves the grid until its query is registered again. */
    private volatile boolean listening;

    PresenceEventFeed(Ignite ignite, io.presencegrid.api.socket.PresenceChangeSink sink) {
        this.ignite = ignite;
        this.sink = sink;
    }

    @Override
    public void start() {
        ignite.events().localListen(event -> {
            listening = false;
            if (event.type() == EventType.EVT_CLIENT_NODE_DISCONNECTED) {
                // The servers fail this node: they end its device sessions and drop its interest records.
                // Sockets would silently stop hearing anything, so close them; clients reconnect and get
                // a fresh snapshot.
                dispatcher.execute(sink::gridLost);
            } else {
                // A new node id: the old query's filter looks for interest under the old one.
                dispatcher.execute(this::restartQuery);
            }
            return true;
        }, EventType.EVT_CLIENT_NODE_DISCONNECTED, EventType.EVT_CLIENT_NODE_RECONNECTED);
        startQuery();
    }

    private void restartQuery() {
        query.restart();
        listening = true;
    }

    private void startQuery() {
        query.start();
        listening = true;
    }

    private QueryCursor<?> register() {
        IgniteCache<String, UserPresence> presence = ignite.cache(CacheNames.PRESENCE);
        ContinuousQuery<String, UserPresence> changes = new ContinuousQuery<String, UserPresence>()
                .setLocalListener(events -> {
                    for (CacheEntryEvent<? extends String, ? extends UserPresence> event : events) {
                        PresenceChange change = new PresenceChange(event.getKey(), event.getOldValue(),
                                event.getEventType() == javax.cache.event.EventType.REMOVED ? null : event.getValue());
                        dispatcher.execute(() -> sink.dispatch(change));
                    }
                });
        // Runs on the server nodes holding each changed row; see PresenceChangeFilter.
        changes.setRemoteFilterFactory(new PresenceChangeFilterFactory(ignite.cluster().localNode().id().toString()));
        changes.setAutoUnsubscribe(true);
        return presence.query(changes);
    }

    /**
     * Whether changes reach this node's sockets now: after a reconnect the query is registered again
     * under the new node id a moment later, and a socket served before that would miss what changed.
     */
    boolean listening() {
        return listening;
    }

    @Override
    public void stop() {
        query.stop();
        dispatcher.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return query.isRunning();
    }
}
