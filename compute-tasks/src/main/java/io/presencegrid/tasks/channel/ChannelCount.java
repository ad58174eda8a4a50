package io.presencegrid.tasks.channel;

/**
 * How many users a channel holds, and whether one of them is a given user. Crosses the wire from server
 * to API node (a plain class for the binary marshaller, which cannot set a record's fields).
 */
public final class ChannelCount {

    private final long occupancy;
    private final boolean userIsMember;

    public ChannelCount(long occupancy, boolean userIsMember) {
        this.occupancy = occupancy;
        this.userIsMember = userIsMember;
    }

    public long occupancy() {
        return occupancy;
    }

    public boolean userIsMember() {
        return userIsMember;
    }
}
