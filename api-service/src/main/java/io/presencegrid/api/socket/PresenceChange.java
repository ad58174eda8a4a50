package io.presencegrid.api.socket;

import io.presencegrid.schema.UserPresence;

/**
 * One visible change of a user's presence as the grid reported it to this API node.
 *
 * @param previous the row before, {@code null} for a user's first appearance
 * @param current  the row after, {@code null} when the user was deleted
 */
public record PresenceChange(String userId, UserPresence previous, UserPresence current) {

    public boolean deleted() {
        return current == null;
    }
}
