package io.presencegrid.api.socket;

import org.springframework.stereotype.Component;

/** Where the grid's channel member feed hands the joins and leaves of the channels this node watches. */
@Component
public class ChannelMemberSink {

    private final ChannelWatches watches;

    ChannelMemberSink(ChannelWatches watches) {
        this.watches = watches;
    }

    /** Called in order, one change at a time, by the feed. */
    public void dispatch(ChannelMemberChange change) {
        watches.dispatch(change);
    }
}
