package io.presencegrid.api.socket;

import io.presencegrid.api.channel.ChannelService;
import io.presencegrid.api.channel.ChannelStore;
import io.presencegrid.api.presence.PresenceStore;
import io.presencegrid.api.threads.DaemonThreads;
import io.presencegrid.api.web.ConflictException;
import io.presencegrid.api.web.GridUnavailableException;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.tasks.channel.ChannelPage;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The channels this API node's sockets watch. The first socket to watch a channel here tells the grid
 * (so the member rows' continuous query forwards the channel's joins and leaves), reads the members once,
 * follows each member's presence in the {@link SocketHub} and reads it; every watcher after it is served
 * from what this node holds. The last one to stop takes it all back. Nothing is sent per member on the
 * grid's write path: a join or a presence change reaches each API node that watches once, and fans out
 * to its sockets here.
 *
 * <p>Joins and leaves are handled on one thread, in the order the grid reported them; those that arrive
 * while a channel's members are still being read wait and are replayed after, on that thread. Watchers are
 * added and removed on that thread too, in the order their sockets asked.
 */
@Component
class ChannelWatches {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelWatches.class);
    /** One socket's watches: each costs this node a record in the grid and the channel's members in memory. */
    static final int MAX_PER_SOCKET = 100;
    /** Presence is read in batches of this many users, as a batch GET allows. */
    private static final int READ_BATCH = 1000;
    private static final long LOAD_WAIT_SECONDS = 60;
    private static final int READ_THREADS = 4;

    private final ChannelInterest interest;
    private final ChannelStore channels;
    private final PresenceStore presence;
    private final SocketHub hub;
    /** Guarded by this. */
    private final Map<String, WatchedChannel> watched = new HashMap<>();
    private final Map<SocketConnection, Set<String>> watchedBySocket = new HashMap<>();
    private final ExecutorService changes = singleThread("channel-member-events");
    /** In order: a channel unwatched and watched again is told to the grid in that order. */
    private final ExecutorService interestWrites = singleThread("channel-interest");
    /**
     * A big channel's presence reads, sent together: each batch's answer is mostly waiting on the servers,
     * and one after another they were two thirds of a 10,000-member channel's first watch.
     */
    private final ExecutorService presenceReads = Executors.newFixedThreadPool(READ_THREADS, DaemonThreads.named("channel-presence-reads"));

    ChannelWatches(ChannelInterest interest, ChannelStore channels, PresenceStore presence, SocketHub hub) {
        this.interest = interest;
        this.channels = channels;
        this.presence = presence;
        this.hub = hub;
    }

    /**
     * Sends {@code socket} the channel's members, then its member events until it unwatches or closes.
     * Watching a channel the socket watches already sends the members again.
     */
    void watch(SocketConnection socket, String channelId) {
        WatchedChannel channel;
        boolean first;
        synchronized (this) {
            Set<String> ofSocket = watchedBySocket.computeIfAbsent(socket, s -> new HashSet<>());
            if (ofSocket.contains(channelId)) {
                channel = watched.get(channelId);
                first = false;
            } else {
                if (ofSocket.size() >= MAX_PER_SOCKET) {
                    throw new ConflictException("channel: this socket watches " + MAX_PER_SOCKET
                            + " channels, the most one socket may watch; unwatch one first");
                }
                ofSocket.add(channelId);
                channel = watched.get(channelId);
                first = channel == null;
                if (first) {
                    channel = new WatchedChannel(channelId);
                    watched.put(channelId, channel);
                }
                channel.holders++;
            }
        }
        if (first) {
            load(channel);
        }
        try {
            channel.loaded().get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            unwatch(socket, channelId);
            throw new GridUnavailableException("channel " + channelId + " could not be read", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            unwatch(socket, channelId);
            throw new GridUnavailableException("interrupted while reading channel " + channelId, interrupted);
        }
        // On the member events' thread, like the joins and leaves: a watch, an unwatch and the channel's
        // events keep one order, and a crowd of watchers arriving at once (a room everyone opens, sockets
        // coming back after a restart) is served there one after another instead of each request thread
        // queuing for the channel's lock, every hand-off of it a thread switch on a busy node.
        WatchedChannel watchedChannel = channel;
        changes.execute(() -> watchedChannel.addWatcher(socket, ChannelService.MAX_PAGE));
    }

    void unwatch(SocketConnection socket, String channelId) {
        WatchedChannel gone = null;
        synchronized (this) {
            Set<String> ofSocket = watchedBySocket.get(socket);
            if (ofSocket == null || !ofSocket.remove(channelId)) {
                return;
            }
            if (ofSocket.isEmpty()) {
                watchedBySocket.remove(socket);
            }
            WatchedChannel channel = watched.get(channelId);
            if (channel != null) {
                // Behind the socket's own watch, still queued there perhaps.
                changes.execute(() -> channel.removeWatcher(socket));
                if (--channel.holders == 0) {
                    watched.remove(channelId);
                    gone = channel;
                }
            }
        }
        if (gone != null) {
            discard(gone);
        }
    }

    void closed(SocketConnection socket) {
        Set<String> ofSocket;
        synchronized (this) {
            ofSocket = watchedBySocket.get(socket);
            ofSocket = ofSocket == null ? Set.of() : Set.copyOf(ofSocket);
        }
        ofSocket.forEach(channelId -> unwatch(socket, channelId));
    }

    /** From the grid's member feed, in its order. */
    void dispatch(ChannelMemberChange change) {
        changes.execute(() -> {
            WatchedChannel channel;
            synchronized (this) {
                channel = watched.get(change.channelId());
            }
            if (channel != null && !channel.keepIfLoading(change)) {
                apply(channel, change);
            }
        });
    }

    private void apply(WatchedChannel channel, ChannelMemberChange change) {
        try {
            if (change.joined()) {
                if (channel.deviceJoined(change)) {
                    // Followed before it is read: a change after the read reaches the channel, one before it is in the read.
                    channel.announce(change.userId(), hub.followAndRead(channel, change.userId(), presence::find), change.at());
                }
            } else if (channel.deviceLeft(change)) {
                hub.unfollow(channel, List.of(change.userId()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Channel {}: the {} of {}'s {} was not handled: {}", channel.channelId(),
                    change.joined() ? "join" : "leave", change.userId(), change.device(), e.getMessage());
        }
    }

    /**
     * This node's first watcher of the channel: the grid is told, the members listed, followed and read;
     * then, on the member events' thread, the joins and leaves that came meanwhile are replayed and the
     * channel opens to its watchers.
     */
    private void load(WatchedChannel channel) {
        try {
            long started = System.nanoTime();
            CompletableFuture.runAsync(() -> interest.watching(channel.channelId()), interestWrites).join();
            long told = System.nanoTime();
            Map<String, List<String>> devices = new TreeMap<>();
            String after = null;
            do {
                // Pages as big as a full channel: each page is a scan of the channel's partition on its
                // primary, so a channel of 10,000 read 500 at a time was scanned 20 times over.
                ChannelPage page = channels.members(channel.channelId(), after, ChannelMember.MAX_PER_CHANNEL);
                devices.putAll(page.members());
                after = page.more() && !page.members().isEmpty() ? page.members().lastKey() : null;
            } while (after != null);
            channel.listed(devices);
            long listed = System.nanoTime();
            List<String> members = new ArrayList<>(channel.memberIds());
            hub.follow(channel, members);
            long followed = System.nanoTime();
            List<CompletableFuture<Map<String, PresenceSnapshot>>> reads = new ArrayList<>();
            for (int from = 0; from < members.size(); from += READ_BATCH) {
                List<String> batch = members.subList(from, Math.min(members.size(), from + READ_BATCH));
                reads.add(CompletableFuture.supplyAsync(() -> presence.findAll(batch), presenceReads));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
            long gridReadMillis = millis(followed, System.nanoTime());
            reads.forEach(read -> channel.presenceRead(read.join()));
            long read = System.nanoTime();
            changes.execute(() -> {
                long replaying = System.nanoTime();
                channel.openAfterLoad().forEach(change -> apply(channel, change));
                channel.loaded().complete(null);
                // A big channel's first watcher waits for all of this; which step it waited on is what to tune.
                LOG.debug("Channel {} loaded for its watchers: {} members in {} ms (grid told {}, listed {}, followed {},"
                                + " read {} of which the grid's answers {}, waited for the events' thread {}, replayed {})", channel.channelId(),
                        members.size(), millis(started, System.nanoTime()), millis(started, told), millis(told, listed),
                        millis(listed, followed), millis(followed, read), gridReadMillis, millis(read, replaying),
                        millis(replaying, System.nanoTime()));
            });
        } catch (RuntimeException e) {
            Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("Channel {} could not be read for its watchers: {}", channel.channelId(), failure.getMessage());
            channel.loaded().completeExceptionally(failure);
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    /** The last watcher here stopped: the members are unfollowed and the grid told, in the background. */
    private void discard(WatchedChannel channel) {
        try {
            hub.unfollow(channel, channel.close());
        } catch (RuntimeException e) {
            LOG.warn("Channel {}: members not unfollowed: {}", channel.channelId(), e.getMessage());
        }
        interestWrites.execute(() -> {
            try {
                interest.notWatching(channel.channelId());
            } catch (RuntimeException e) {
                // Harmless: the feed forwards the channel's joins here, and nobody here wants them.
                LOG.warn("Channel {}: the grid still thinks this node watches it: {}", channel.channelId(), e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        changes.shutdownNow();
        interestWrites.shutdownNow();
        presenceReads.shutdownNow();
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(DaemonThreads.named(name));
    }
}
