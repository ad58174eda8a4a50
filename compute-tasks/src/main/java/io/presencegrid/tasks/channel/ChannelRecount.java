package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelUserDevices;
import io.presencegrid.schema.ChannelUserKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * Repairs what {@link ChannelRoster}'s separate writes can leave wrong: on this node's primary partitions,
 * each user's devices in a channel and each channel's count are compared with the member rows, which are
 * the truth (they are what listings show and SQL reads). A join or leave in flight disagrees for a few
 * milliseconds too, so only a disagreement seen the same in two looks in a row is repaired, and by a
 * compare-and-set against the value seen: a write that came in between wins over the repair. So the count
 * of a channel whose members come and go all the time is repaired once it holds still between two looks.
 *
 * <p>Each sweep looks at one {@link #SLICES}th of the node's primary partitions, in turn: reading every
 * member row on every sweep would cost a node with a million memberships a second of CPU every ten.
 * So a drift is repaired within two rounds of the slices (two minutes at the default ten-second sweep).
 */
final class ChannelRecount {

    /** One cache entry that disagreed with the rows: what it held (null: absent) and what the rows say (null: nothing). */
    private record Disagreement(String cache, Object key, Object held, Object rowsSay) {
    }

    /** How many sweeps one round of all primary partitions takes. */
    static final int SLICES = 6;
    /** A node or partition with none of these has no channel to recount. */
    private static final List<String> CHANNEL_CACHES = List.of(CacheNames.CHANNEL_MEMBER, CacheNames.CHANNEL_USER, CacheNames.CHANNEL_OCCUPANCY);

    private final Ignite ignite;
    private final IgniteLogger log;
    /** Each partition's disagreements when it was last looked at, by cache and key. */
    private final Map<Integer, Map<List<Object>, Disagreement>> suspects = new HashMap<>();
    private long sweeps;

    ChannelRecount(Ignite ignite, IgniteLogger log) {
        this.ignite = ignite;
        this.log = log;
    }

    void recountLocalPrimaries() {
        IgniteCache<ChannelUserKey, ChannelUserDevices> users = ignite.cache(CacheNames.CHANNEL_USER);
        IgniteCache<String, Long> occupancies = ignite.cache(CacheNames.CHANNEL_OCCUPANCY);
        int slice = (int) (sweeps++ % SLICES);
        if (CHANNEL_CACHES.stream().allMatch(name -> ignite.cache(name).localSizeLong(CachePeekMode.PRIMARY) == 0)) {
            // No channel here: no look at a thousand empty partitions every sweep.
            suspects.clear();
            return;
        }
        int repaired = 0;
        for (int partition : ignite.affinity(CacheNames.CHANNEL_MEMBER).primaryPartitions(ignite.cluster().localNode())) {
            if (partition % SLICES != slice) {
                continue;
            }
            Map<List<Object>, Disagreement> before = suspects.remove(partition);
            if (CHANNEL_CACHES.stream().allMatch(name -> ignite.cache(name).localSizeLong(partition, CachePeekMode.PRIMARY) == 0)) {
                continue;
            }
            Map<List<Object>, Disagreement> now = new HashMap<>();
            for (Disagreement disagreement : compare(partition, users, occupancies)) {
                List<Object> key = List.of(disagreement.cache(), disagreement.key());
                if (before != null && disagreement.equals(before.get(key)) && repair(disagreement)) {
                    repaired++;
                } else {
                    now.put(key, disagreement);
                }
            }
            if (!now.isEmpty()) {
                suspects.put(partition, now);
            }
        }
        if (repaired > 0) {
            log.warning("Channel recount: " + repaired + " user entries or counts disagreed with the member rows in two looks"
                    + " and were set from the rows");
        }
    }

    private List<Disagreement> compare(int partition, IgniteCache<ChannelUserKey, ChannelUserDevices> users,
            IgniteCache<String, Long> occupancies) {
        Map<ChannelUserKey, List<String>> devicesByUser = ChannelScan.devicesByUser(ignite, partition);
        Map<String, Long> usersByChannel = new HashMap<>();
        devicesByUser.keySet().forEach(user -> usersByChannel.merge(user.channelId(), 1L, Long::sum));
        List<Disagreement> found = new ArrayList<>();
        for (Cache.Entry<ChannelUserKey, ChannelUserDevices> entry : local(users, partition)) {
            List<String> devices = devicesByUser.remove(entry.getKey());
            ChannelUserDevices rowsSay = devices == null ? null : ChannelUserDevices.ofAll(devices);
            if (!entry.getValue().equals(rowsSay)) {
                found.add(new Disagreement(CacheNames.CHANNEL_USER, entry.getKey(), entry.getValue(), rowsSay));
            }
        }
        devicesByUser.forEach((user, devices) ->
                found.add(new Disagreement(CacheNames.CHANNEL_USER, user, null, ChannelUserDevices.ofAll(devices))));
        for (Cache.Entry<String, Long> entry : local(occupancies, partition)) {
            Long rowsSay = usersByChannel.remove(entry.getKey());
            if (!entry.getValue().equals(rowsSay)) {
                found.add(new Disagreement(CacheNames.CHANNEL_OCCUPANCY, entry.getKey(), entry.getValue(), rowsSay));
            }
        }
        usersByChannel.forEach((channel, count) -> found.add(new Disagreement(CacheNames.CHANNEL_OCCUPANCY, channel, null, count)));
        return found;
    }

    private <K, V> List<Cache.Entry<K, V>> local(IgniteCache<K, V> cache, int partition) {
        try (QueryCursor<Cache.Entry<K, V>> entries = cache.query(new ScanQuery<K, V>(partition).setLocal(true))) {
            return entries.getAll();
        }
    }

    /** Sets the entry to what the rows say if it still holds what was seen; whether it did. */
    private boolean repair(Disagreement disagreement) {
        IgniteCache<Object, Object> cache = ignite.cache(disagreement.cache());
        Object key = disagreement.key();
        if (disagreement.held() == null) {
            return cache.putIfAbsent(key, disagreement.rowsSay());
        }
        if (disagreement.rowsSay() == null) {
            return cache.remove(key, disagreement.held());
        }
        return cache.replace(key, disagreement.held(), disagreement.rowsSay());
    }
}
