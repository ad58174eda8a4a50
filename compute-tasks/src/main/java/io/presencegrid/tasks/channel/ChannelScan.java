package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.ChannelUserKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * A channel's members as its primary node holds them: a local scan of the one partition the channel's
 * members live in (colocated by channel). A scan rather than SQL: it needs no query engine on the node,
 * and the partition holds the channel plus the few others that hash to it, so reading it is about as
 * cheap as reading an index of it. Listings and the recount scan; counts do not (ChannelRoster keeps them).
 *
 * <p>The rows are read as binary keys, only the fields needed: neither the key nor the member row is
 * deserialized, which took two thirds of a scan's time (docs/capacity.md, "Watched channels").
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

    /**
     * Each member of every channel in one of this node's partitions, as user-in-channel to devices: what
     * the users' entries and the channels' counts there ought to say.
     */
    static Map<ChannelUserKey, List<String>> devicesByUser(Ignite ignite, int partition) {
        Map<ChannelUserKey, List<String>> devices = new HashMap<>();
        forEachMember(ignite, partition, null, key -> devices
                .computeIfAbsent(new ChannelUserKey(key.field("channelId"), key.field("userId")), u -> new ArrayList<>())
                .add(key.field("device")));
        return devices;
    }

    /** Hands each of the channel's member keys, as read, to {@code member}: the listing reads two of its fields. */
    private static void forEachMember(Ignite ignite, String channelId, Consumer<BinaryObject> member) {
        int partition = ignite.affinity(CacheNames.CHANNEL_MEMBER).partition(new ChannelMemberKey(channelId, "", ""));
        forEachMember(ignite, partition, (key, row) -> channelId.equals(key.field("channelId")), member);
    }

    private static void forEachMember(Ignite ignite, int partition, IgniteBiPredicate<BinaryObject, BinaryObject> filter,
            Consumer<BinaryObject> member) {
        ScanQuery<BinaryObject, BinaryObject> scan = new ScanQuery<BinaryObject, BinaryObject>(partition)
                .setLocal(true)
                .setFilter(filter);
        try (QueryCursor<Cache.Entry<BinaryObject, BinaryObject>> rows =
                     ignite.cache(CacheNames.CHANNEL_MEMBER).<BinaryObject, BinaryObject>withKeepBinary().query(scan)) {
            for (Cache.Entry<BinaryObject, BinaryObject> row : rows) {
                member.accept(row.getKey());
            }
        }
    }
}
