package io.presencegrid.tasks.channel;

/**
 * How a join ended, and the channel's count of users with it. Crosses the wire from server to API node (a
 * plain class for the binary marshaller, which cannot set a record's fields).
 */
public final class ChannelJoined {

    private final ChannelJoin outcome;
    private final long occupancy;

    public ChannelJoined(ChannelJoin outcome, long occupancy) {
        this.outcome = outcome;
        this.occupancy = occupancy;
    }

    public ChannelJoin outcome() {
        return outcome;
    }

    public long occupancy() {
        return occupancy;
    }
}
