package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMemberKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * A channel's members as its primary node holds them: a local scan of the one partition the channel's
 * members live in (colocated by channel). A scan rather than SQL: it needs no query engine on the node,
 * and the partition holds the channel plus the few others that hash to it, so reading it is about as
 * cheap as reading an index of it.
 *
 * <p>Every join counts its channel, so a channel of n members costs a scan of n rows per join. The rows
 * are read as binary keys, only the fields needed: neither the key nor the member row is deserialized, which
 * took two thirds of a count's time (docs/capacity.md, "Watched channels").
 */
final class ChannelScan {

    private ChannelScan() {
    }

    /** Users in id order, each with its devices in order. */
    static TreeMap<String, List<String>> members(Ignite ignite, String channelId) {
        TreeMap<String, List<String>> members = new TreeMap<>();
        forEachMember(ignite, channelId, key -> members.computeIfAbsent(key.field("userId"), u -> new ArrayList<>())
                .add(key.field("device")));
        members.values().forEach(devices -> devices.sort(null));
        return members;
    }

    /** How many users the channel holds, and whether {@code userId} (may be null) is one of them. */
    static ChannelCount count(Ignite ignite, String channelId, String userId) {
        Set<String> users = new HashSet<>();
        forEachMember(ignite, channelId, key -> users.add(key.field("userId")));
        return new ChannelCount(users.size(), userId != null && users.contains(userId));
    }

    /** Hands each of the channel's member keys, as read, to {@code member}: a count reads one field of it, a listing two. */
    private static void forEachMember(Ignite ignite, String channelId, Consumer<BinaryObject> member) {
        int partition = ignite.affinity(CacheNames.CHANNEL_MEMBER).partition(new ChannelMemberKey(channelId, "", ""));
        ScanQuery<BinaryObject, BinaryObject> scan = new ScanQuery<BinaryObject, BinaryObject>(partition)
                .setLocal(true)
                .setFilter((key, row) -> channelId.equals(key.field("channelId")));
        try (QueryCursor<Cache.Entry<BinaryObject, BinaryObject>> rows =
                     ignite.cache(CacheNames.CHANNEL_MEMBER).<BinaryObject, BinaryObject>withKeepBinary().query(scan)) {
            for (Cache.Entry<BinaryObject, BinaryObject> row : rows) {
                member.accept(row.getKey());
            }
        }
    }
}
