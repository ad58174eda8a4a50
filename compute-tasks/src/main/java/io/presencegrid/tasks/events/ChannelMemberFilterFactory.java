package io.presencegrid.tasks.events;

import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryEventFilter;

/** Ships {@link ChannelMemberFilter} to the server nodes by class name: no peer class loading needed. */
public final class ChannelMemberFilterFactory implements Factory<CacheEntryEventFilter<ChannelMemberKey, ChannelMember>> {

    private static final long serialVersionUID = 1L;

    private final String apiNodeId;

    public ChannelMemberFilterFactory(String apiNodeId) {
        this.apiNodeId = apiNodeId;
    }

    @Override
    public CacheEntryEventFilter<ChannelMemberKey, ChannelMember> create() {
        return new ChannelMemberFilter(apiNodeId);
    }
}
