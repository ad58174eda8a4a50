package io.presencegrid.api.socket;

/**
 * Whatever on this API node follows users' presence through the {@link SocketHub}: a socket that
 * subscribed to them, or a watched channel following its members.
 */
interface PresenceFollower {

    /** A follower that is closed follows no one: the hub registers nothing for it. */
    boolean isOpen();

    /** Called in order, one change at a time, by the event feed. */
    void deliver(PresenceChange change);

    /** The hub no longer delivers {@code userId}'s changes here. */
    void forget(String userId);
}
