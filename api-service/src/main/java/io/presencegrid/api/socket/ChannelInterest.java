package io.presencegrid.api.socket;

/**
 * Tells the grid which channels this API node has sockets watching, so the member rows' continuous query
 * forwards only their joins and leaves. Called when a node's first socket watches a channel and when its
 * last one stops.
 */
public interface ChannelInterest {

    void watching(String channelId);

    void notWatching(String channelId);
}
