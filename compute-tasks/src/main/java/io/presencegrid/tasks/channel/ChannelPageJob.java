package io.presencegrid.tasks.channel;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Reads one page of a channel on its primary node: up to {@code limit} users after {@code afterUserId},
 * with their devices, and the channel's occupancy.
 */
public final class ChannelPageJob implements IgniteCallable<ChannelPage> {

    private static final long serialVersionUID = 1L;

    private final String channelId;
    private final String afterUserId;
    private final int limit;

    @IgniteInstanceResource
    private transient Ignite ignite;

    /** @param afterUserId {@code null}: from the first user */
    public ChannelPageJob(String channelId, String afterUserId, int limit) {
        this.channelId = channelId;
        this.afterUserId = afterUserId;
        this.limit = limit;
    }

    @Override
    public ChannelPage call() {
        TreeMap<String, List<String>> members = ChannelScan.members(ignite, channelId);
        SortedMap<String, List<String>> after = afterUserId == null ? members : members.tailMap(afterUserId, false);
        SortedMap<String, List<String>> page = new TreeMap<>();
        for (var member : after.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            page.put(member.getKey(), member.getValue());
        }
        return new ChannelPage(page, after.size() > page.size(), members.size());
    }
}
