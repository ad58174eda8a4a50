package io.presencegrid.tasks.channel;

import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Moves a channel's count of users by one user coming or going; the count after. Never below zero: a
 * count that drifted (see {@link ChannelRecount}) must not answer a negative occupancy meanwhile. An
 * empty channel keeps no entry.
 */
public final class AddToOccupancy implements CacheEntryProcessor<String, Long, Long> {

    private static final long serialVersionUID = 1L;

    private final long delta;

    public AddToOccupancy(long delta) {
        this.delta = delta;
    }

    @Override
    public Long process(MutableEntry<String, Long> entry, Object... arguments) {
        long count = Math.max(0, (entry.getValue() == null ? 0 : entry.getValue()) + delta);
        if (count == 0) {
            entry.remove();
        } else {
            entry.setValue(count);
        }
        return count;
    }
}
