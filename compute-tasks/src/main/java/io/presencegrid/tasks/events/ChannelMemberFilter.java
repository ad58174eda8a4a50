package io.presencegrid.tasks.events;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelInterestKey;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheEntryEventSerializableFilter;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The remote filter of one API node's continuous query on CHANNEL_MEMBER, evaluated where the member row
 * changed (in Ignite's striped threads, so it must not block): a device's joining (the row created) or
 * leaving (the row removed) goes to the API node only if it watches the channel. A join repeated by the
 * same device rewrites nothing anyone watches. The interest record is colocated with the channel's rows,
 * so the check is a local peek.
 */
public final class ChannelMemberFilter implements CacheEntryEventSerializableFilter<ChannelMemberKey, ChannelMember> {

    private static final long serialVersionUID = 1L;

    private final String apiNodeId;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public ChannelMemberFilter(String apiNodeId) {
        this.apiNodeId = apiNodeId;
    }

    @Override
    public boolean evaluate(CacheEntryEvent<? extends ChannelMemberKey, ? extends ChannelMember> event) {
        return event.getEventType() != EventType.UPDATED
                && ignite.cache(CacheNames.CHANNEL_INTEREST).localPeek(new ChannelInterestKey(event.getKey().channelId(), apiNodeId),
                        CachePeekMode.PRIMARY, CachePeekMode.BACKUP) != null;
    }
}
