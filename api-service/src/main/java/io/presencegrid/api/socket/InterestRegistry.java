package io.presencegrid.api.socket;

import java.util.Collection;

/**
 * Tells the grid which users this API node has sockets following, so the continuous query's remote
 * filter forwards only their changes. Called with the users a follow made this node's first follower
 * of, and with users nobody here follows any more. Each call is one batch: a socket may follow a
 * thousand users at once, and a grid write per user made a connect wait seconds.
 */
public interface InterestRegistry {

    void interested(Collection<String> userIds);

    void notInterested(Collection<String> userIds);
}
