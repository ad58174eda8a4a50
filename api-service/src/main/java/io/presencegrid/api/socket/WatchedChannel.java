package io.presencegrid.api.socket;

import io.presencegrid.api.channel.ChannelMemberView;
import io.presencegrid.api.channel.ChannelService;
import io.presencegrid.api.presence.PresenceView;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.socket.TextMessage;

/**
 * One channel that sockets of this API node watch: its members as the grid reported them (each member's
 * devices in the channel and presence), and the sockets it tells. Joins and leaves reach it in the grid's
 * order on one thread ({@link ChannelWatches}); members' presence changes through the {@link SocketHub},
 * which it follows every member in. Each watcher sees a member only while that member's presence, as the
 * watcher may see it, shows them online ({@link ChannelService#listed}): a member going invisible leaves
 * for that watcher, and comes back when visible again; hidden members still count in the occupancy.
 *
 * <p>A member is announced (its {@code joined} sent) once its presence has been read; until then its
 * presence changes are kept, not sent, so no watcher hears of a member before it joined.
 */
final class WatchedChannel implements PresenceFollower {

    static final String JOINED = "joined";
    static final String LEFT = "left";
    static final String UPDATED = "updated";

    private final String channelId;
    /** Guarded by this, like everything below. */
    private final SortedMap<String, Member> members = new TreeMap<>();
    private final Set<SocketConnection> watchers = new LinkedHashSet<>();
    /** Joins and leaves that arrived while the members were being read; replayed after. */
    private List<ChannelMemberChange> awaitingLoad = new ArrayList<>();
    private boolean closed;
    /** Sockets watching or about to: the channel goes when the last one stops. Guarded by {@link ChannelWatches}. */
    int holders;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    /**
     * The last {@code members} frame sent, and what it showed: a watcher who may see exactly that gets the
     * same bytes. Watchers come in crowds (a room opened by everyone at once, sockets reconnecting after a
     * restart), each answered under this channel's lock, and serializing 500 members for each was what
     * made the later ones wait seconds.
     */
    private List<ChannelMemberView> lastShown;
    private long lastOccupancy;
    private TextMessage lastMembersFrame;
    /** Moves with every change to the members or to what is known of them. */
    private long revision;
    /**
     * The frame for anyone (a watcher who is neither a member nor an admin) while no member's privacy tells
     * such viewers apart, and the {@link #revision} it was made at: while that holds, a crowd of watchers
     * is answered without even listing the members again, which took milliseconds each on a busy node.
     */
    private TextMessage anyonesFrame;
    private long anyonesRevision = -1;

    private static final class Member {
        final Set<String> devices = new TreeSet<>();
        /** The latest presence heard of the member. */
        PresenceSnapshot presence;
        /**
         * The latest in which the member was not offline: what watchers last saw. A member who goes offline
         * leaves the channel a moment later (the grid removes its rows), and that leave tells the watchers
         * who saw them, with this.
         */
        PresenceSnapshot shown;
        boolean announced;
        /** {@link #presence} as each kind of viewer sees it, made when a watcher first asks; null after a change. */
        private MemberViews views;

        MemberViews views() {
            if (views == null) {
                views = new MemberViews(presence);
            }
            return views;
        }

        /** Keeps {@code heard} if it is newer than what is held, by the row's version; whether it was. */
        boolean merge(PresenceSnapshot heard) {
            if (heard == null || heard.presence() == null
                    || (presence != null && presence.presence() != null && heard.presence().version() <= presence.presence().version())) {
                return false;
            }
            presence = heard;
            views = null;
            if (heard.presence().status() != PresenceStatus.OFFLINE) {
                shown = heard;
            }
            return true;
        }
    }

    WatchedChannel(String channelId) {
        this.channelId = channelId;
    }

    String channelId() {
        return channelId;
    }

    CompletableFuture<Void> loaded() {
        return loaded;
    }

    /** The members as the grid listed them once this node watched the channel; none announced yet. */
    synchronized void listed(Map<String, List<String>> devicesByUser) {
        revision++;
        devicesByUser.forEach((userId, devices) -> members.computeIfAbsent(userId, user -> new Member()).devices.addAll(devices));
    }

    synchronized Set<String> memberIds() {
        return new TreeSet<>(members.keySet());
    }

    /** Presence read after the members were followed; a change delivered meanwhile may be newer. */
    synchronized void presenceRead(Map<String, PresenceSnapshot> snapshots) {
        revision++;
        snapshots.forEach((userId, snapshot) -> {
            Member member = members.get(userId);
            if (member != null) {
                member.merge(snapshot);
            }
        });
    }

    /** While the members are read, a join or leave waits; true when it was kept for later. */
    synchronized boolean keepIfLoading(ChannelMemberChange change) {
        if (awaitingLoad == null) {
            return false;
        }
        awaitingLoad.add(change);
        return true;
    }

    /** Every listed member announced (to no one yet: nobody watches before this); the changes that waited. */
    synchronized List<ChannelMemberChange> openAfterLoad() {
        revision++;
        members.values().forEach(member -> member.announced = true);
        List<ChannelMemberChange> waited = awaitingLoad;
        awaitingLoad = null;
        return waited;
    }

    /**
     * A device joined: true when it is its user's first here, a new member whose presence the caller
     * follows and reads, then {@link #announce announces}.
     */
    synchronized boolean deviceJoined(ChannelMemberChange change) {
        revision++;
        Member member = members.get(change.userId());
        if (member != null) {
            member.devices.add(change.device());
            return false;
        }
        member = new Member();
        member.devices.add(change.device());
        members.put(change.userId(), member);
        return true;
    }

    synchronized void announce(String userId, PresenceSnapshot read, Instant at) {
        revision++;
        Member member = members.get(userId);
        if (member == null || member.announced || closed) {
            return;
        }
        member.merge(read);
        member.announced = true;
        MemberViews views = new MemberViews(member.presence);
        MemberFrames frames = new MemberFrames(channelId, userId, members.size(), at);
        for (SocketConnection watcher : watchers) {
            PresenceView view = views.shownTo(watcher.caller());
            if (view != null) {
                watcher.send(frames.frame(JOINED, view));
            }
        }
    }

    /** A device left: true when it was its user's last here, a member gone whose presence the caller unfollows. */
    synchronized boolean deviceLeft(ChannelMemberChange change) {
        revision++;
        Member member = members.get(change.userId());
        if (member == null || !member.devices.remove(change.device()) || !member.devices.isEmpty()) {
            return false;
        }
        members.remove(change.userId());
        if (member.announced && !closed) {
            MemberViews shown = new MemberViews(member.shown);
            MemberViews now = new MemberViews(member.presence);
            MemberFrames frames = new MemberFrames(channelId, change.userId(), members.size(), change.at());
            for (SocketConnection watcher : watchers) {
                if (shown.shownTo(watcher.caller()) != null) {
                    PresenceView last = now.viewTo(watcher.caller());
                    watcher.send(frames.frame(LEFT, last != null ? last : shown.viewTo(watcher.caller())));
                }
            }
        }
        return true;
    }

    /**
     * A member's presence changed: each watcher hears of it as their view of the member changed. Going
     * offline sends nothing here: the leave that follows it does.
     */
    @Override
    public synchronized void deliver(PresenceChange change) {
        revision++;
        Member member = members.get(change.userId());
        UserPresence current = change.current();
        if (member == null || current == null || closed) {
            return;
        }
        PresenceSnapshot before = member.shown;
        if (!member.merge(new PresenceSnapshot(change.userId(), current, Map.of())) || !member.announced
                || current.status() == PresenceStatus.OFFLINE) {
            return;
        }
        MemberViews was = new MemberViews(before);
        MemberViews is = new MemberViews(member.shown);
        MemberFrames frames = new MemberFrames(channelId, change.userId(), members.size(), current.updatedAt());
        for (SocketConnection watcher : watchers) {
            PresenceView wasView = was.shownTo(watcher.caller());
            PresenceView isView = is.shownTo(watcher.caller());
            if (isView != null) {
                watcher.send(frames.frame(wasView != null ? UPDATED : JOINED, isView));
            } else if (wasView != null) {
                watcher.send(frames.frame(LEFT, is.viewTo(watcher.caller())));
            }
        }
    }

    /**
     * Sends {@code socket} the channel's first {@code limit} members it may see, with the occupancy, and
     * from then on the channel's events.
     */
    synchronized void addWatcher(SocketConnection socket, int limit) {
        if (closed) {
            // Its last watcher left while this one was queued.
            return;
        }
        boolean anyone = !socket.caller().admin() && !members.containsKey(socket.caller().userId());
        if (anyone && anyonesRevision == revision) {
            socket.send(anyonesFrame);
            watchers.add(socket);
            return;
        }
        List<ChannelMemberView> shown = new ArrayList<>();
        for (Map.Entry<String, Member> entry : members.entrySet()) {
            if (shown.size() == limit) {
                break;
            }
            Member member = entry.getValue();
            PresenceView view = member.announced ? member.views().shownTo(socket.caller()) : null;
            if (view != null) {
                shown.add(new ChannelMemberView(entry.getKey(), List.copyOf(member.devices), view));
            }
        }
        if (!shown.equals(lastShown) || members.size() != lastOccupancy) {
            lastShown = shown;
            lastOccupancy = members.size();
            lastMembersFrame = SocketFrames.members(channelId, members.size(), shown);
        }
        if (anyone && everyMemberShowsEveryoneAlike()) {
            anyonesFrame = lastMembersFrame;
            anyonesRevision = revision;
        }
        socket.send(lastMembersFrame);
        watchers.add(socket);
    }

    private boolean everyMemberShowsEveryoneAlike() {
        for (Member member : members.values()) {
            UserPresence presence = member.presence == null ? null : member.presence.presence();
            if (presence != null && !presence.privacy().showsEveryoneAlike()) {
                return false;
            }
        }
        return true;
    }

    synchronized void removeWatcher(SocketConnection socket) {
        watchers.remove(socket);
    }

    /** Stops telling anyone; the members, whom the caller unfollows. */
    synchronized Set<String> close() {
        revision++;
        closed = true;
        watchers.clear();
        lastShown = null;
        lastMembersFrame = null;
        anyonesFrame = null;
        return new TreeSet<>(members.keySet());
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public void forget(String userId) {
        // Members are followed and unfollowed by ChannelWatches, which keeps the members here itself.
    }
}
