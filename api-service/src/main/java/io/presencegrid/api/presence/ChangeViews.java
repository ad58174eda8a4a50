package io.presencegrid.api.presence;

import io.presencegrid.api.auth.Caller;
import io.presencegrid.api.presence.PresenceViews.Access;
import io.presencegrid.schema.PresenceStatus;
import io.presencegrid.schema.UserPresence;
import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.util.List;
import java.util.Map;

/**
 * What one viewer is to be told of one change of a user's presence, by the rows before and after it.
 * The user's privacy travels in the rows, so access is judged at exactly the change's version: a viewer
 * whose access changed with it is told so (reason privacy), and while the user's presence is hidden from
 * the viewer nothing is told at all. Transports (a socket) only decide whether they sent it already.
 */
public final class ChangeViews {

    /** How the viewer learns of it: the user deleted, the viewer's access changed, or a plain change. */
    public enum Kind { DELETED, PRIVACY, CHANGE }

    /**
     * @param view   what the viewer sees now
     * @param before what the viewer saw before, {@code null} when nothing
     */
    public record Told(Kind kind, PresenceView view, PresenceView before) {
    }

    private ChangeViews() {
    }

    /**
     * @param previous the row before, {@code null} for a user's first appearance
     * @param current  the row after, {@code null} when the user was deleted
     * @return what to tell {@code viewer}, or {@code null} for nothing
     */
    public static Told forViewer(String userId, UserPresence previous, UserPresence current, Caller viewer) {
        Access accessBefore = Access.of(userId, previous, viewer);
        if (current == null) {
            PresenceView before = accessBefore.presence() ? viewOf(userId, previous, viewer, accessBefore) : null;
            if (before == null) {
                return null;
            }
            PresenceView gone = new PresenceView(userId, PresenceStatus.OFFLINE.wireName(), null, List.of(), null, null, before.version() + 1);
            return new Told(Kind.DELETED, gone, before);
        }
        Access access = Access.of(userId, current, viewer);
        if (!access.presence() && access.equals(accessBefore)) {
            // Hidden before and after: nothing is told, so no view need be built.
            return null;
        }
        PresenceView view = viewOf(userId, current, viewer, access);
        if (view == null) {
            return null;
        }
        PresenceView before = viewOf(userId, previous, viewer, accessBefore);
        if (before != null && !access.equals(accessBefore)) {
            return new Told(Kind.PRIVACY, view, before);
        }
        return access.presence() ? new Told(Kind.CHANGE, view, before) : null;
    }

    /** The row as the viewer sees it, with the access already judged from the same row. */
    private static PresenceView viewOf(String userId, UserPresence row, Caller viewer, Access access) {
        return row == null ? null : PresenceViews.forViewer(new PresenceSnapshot(userId, row, Map.of()), viewer, access);
    }
}
