package io.presencegrid.api.socket;

/**
 * Tells the grid which users this API node has sockets following, so the continuous query's remote
 * filter forwards only their changes. Called on the first follower of a user and after the last leaves.
 */
public interface InterestRegistry {

    void interested(String userId);

    void notInterested(String userId);
}
