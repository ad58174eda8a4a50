package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * A channel's members as its primary node holds them: a local scan of the one partition the channel's
 * members live in (colocated by channel), users in id order with their devices. A scan rather than SQL:
 * it needs no query engine on the node, and the partition holds the channel plus the few others that
 * hash to it, so reading it is about as cheap as reading an index of it.
 */
final class ChannelScan {

    private ChannelScan() {
    }

    static TreeMap<String, List<String>> members(Ignite ignite, String channelId) {
        int partition = ignite.affinity(CacheNames.CHANNEL_MEMBER).partition(new ChannelMemberKey(channelId, "", ""));
        ScanQuery<ChannelMemberKey, ChannelMember> scan = new ScanQuery<ChannelMemberKey, ChannelMember>(partition)
                .setLocal(true)
                .setFilter((key, member) -> key.channelId().equals(channelId));
        TreeMap<String, List<String>> members = new TreeMap<>();
        try (QueryCursor<Cache.Entry<ChannelMemberKey, ChannelMember>> rows =
                     ignite.<ChannelMemberKey, ChannelMember>cache(CacheNames.CHANNEL_MEMBER).query(scan)) {
            for (Cache.Entry<ChannelMemberKey, ChannelMember> row : rows) {
                members.computeIfAbsent(row.getKey().userId(), user -> new ArrayList<>()).add(row.getKey().device());
            }
        }
        members.values().forEach(devices -> devices.sort(null));
        return members;
    }
}
