package io.presencegrid.api.grid;

import io.presencegrid.api.socket.ChannelMemberChange;
import io.presencegrid.api.socket.ChannelMemberSink;
import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.tasks.events.ChannelMemberFilterFactory;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This API node's one continuous query on CHANNEL_MEMBER: the joins and leaves of the channels its sockets
 * watch ({@code ChannelMemberFilter} decides on the servers), handed on in the grid's order on one thread.
 * After a reconnect this node has a new id, under which it watches nothing yet: the query is registered
 * again under it (its sockets were closed when the grid was lost, and watch again when they reconnect).
 */
@Component
class ChannelMemberFeed implements SmartLifecycle {

    private final Ignite ignite;
    private final ChannelMemberSink sink;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(DaemonThreads.named("channel-member-dispatch"));
    private final ContinuousQueryHandle query = new ContinuousQueryHandle(this::register);

    ChannelMemberFeed(Ignite ignite, ChannelMemberSink sink) {
        this.ignite = ignite;
        this.sink = sink;
    }

    @Override
    public void start() {
        ignite.events().localListen(event -> {
            dispatcher.execute(query::restart);
            return true;
        }, org.apache.ignite.events.EventType.EVT_CLIENT_NODE_RECONNECTED);
        query.start();
    }

    private QueryCursor<?> register() {
        IgniteCache<ChannelMemberKey, ChannelMember> members = ignite.cache(CacheNames.CHANNEL_MEMBER);
        ContinuousQuery<ChannelMemberKey, ChannelMember> changes = new ContinuousQuery<ChannelMemberKey, ChannelMember>()
                .setLocalListener(events -> {
                    for (CacheEntryEvent<? extends ChannelMemberKey, ? extends ChannelMember> event : events) {
                        ChannelMemberKey key = event.getKey();
                        boolean joined = event.getEventType() == EventType.CREATED;
                        Instant at = joined && event.getValue() != null ? event.getValue().joinedAt() : Instant.now();
                        ChannelMemberChange change = new ChannelMemberChange(key.channelId(), key.userId(), key.device(), joined, at);
                        dispatcher.execute(() -> sink.dispatch(change));
                    }
                });
        changes.setRemoteFilterFactory(new ChannelMemberFilterFactory(ignite.cluster().localNode().id().toString()));
        changes.setAutoUnsubscribe(true);
        return members.query(changes);
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
