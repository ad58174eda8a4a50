package io.presencegrid.api.socket;

import io.presencegrid.tasks.presence.PresenceSnapshot;
import java.util.Collection;

/**
 * Tells the grid which users this API node has sockets following, so the continuous query's remote
 * filter forwards only their changes. Called with the users a follow made this node's first follower
 * of, and with users nobody here follows any more. Each call is one batch: a socket may follow a
 * thousand users at once, and a grid write per user made a connect wait seconds.
 */
public interface InterestRegistry {

    void interested(Collection<String> userIds);

    /**
     * Tells the grid this node follows {@code userId}, then reads them, in one call where both live: what a
     * channel's join announces, which waited on the two one after the other.
     */
    PresenceSnapshot interestedAndRead(String userId);

    void notInterested(Collection<String> userIds);
}
