package io.presencegrid.api.socket;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.channel.ChannelService;
import io.presencegrid.api.presence.PresenceView;
import io.presencegrid.api.presence.PresenceViews;
import io.presencegrid.api.presence.PresenceViews.Access;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * One member's presence as each of a channel's watchers may see it, for one event. A view depends on
 * the viewer only through whether they are the member and what the member's privacy grants them
 * ({@link Access}), so a hundred watchers need at most five projections, made here once each: the event
 * goes to every watcher on one thread, and projecting it per watcher was most of that thread's work.
 */
final class MemberViews {

    private final PresenceSnapshot presence;
    private final Map<Access, PresenceView> byAccess = new HashMap<>(4);
    private PresenceView own;
    private boolean ownProjected;

    /** @param presence the member's presence, {@code null} for none known (every view is then null) */
    MemberViews(PresenceSnapshot presence) {
        this.presence = presence;
    }

    /** The member as {@code viewer} may see them; null where they may not know the member exists. */
    PresenceView viewTo(Caller viewer) {
        if (presence == null) {
            return null;
        }
        if (viewer.userId().equals(presence.userId())) {
            if (!ownProjected) {
                own = PresenceViews.forViewer(presence, viewer, Access.FULL);
                ownProjected = true;
            }
            return own;
        }
        Access access = Access.of(presence.userId(), presence.presence(), viewer);
        if (!byAccess.containsKey(access)) {
            byAccess.put(access, PresenceViews.forViewer(presence, viewer, access));
        }
        return byAccess.get(access);
    }

    /** The member as {@code viewer} sees them, or null while they do not show as in the channel. */
    PresenceView shownTo(Caller viewer) {
        PresenceView view = viewTo(viewer);
        return ChannelService.listed(view, viewer) ? view : null;
    }
}
