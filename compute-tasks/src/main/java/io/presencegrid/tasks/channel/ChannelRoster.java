package io.presencegrid.tasks.channel;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.ChannelMemberKey;
import io.presencegrid.schema.ChannelUserDevices;
import io.presencegrid.schema.ChannelUserKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.cache.processor.EntryProcessorResult;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;

/**
 * Every write of a channel's members goes through here, so the member rows, each user's devices in the
 * channel (CHANNEL_USER) and the channel's count of users (CHANNEL_OCCUPANCY) move together: a join costs
 * a few single-entry writes whatever the channel's size, where it used to read the whole channel to count
 * it. The row is written first and removed first, as the exits' ordering needs (ChannelExits); the count
 * moves only when a user's first device comes in or last goes out, decided under that user's entry lock,
 * so two devices of one user joining at once count the user once.
 *
 * <p>The three are separate writes, not one transaction: a writer that dies between them, or an invoke
 * Ignite retries after a primary fails, can leave a count off. {@link ChannelRecount} repairs that from the
 * rows within two rounds of its sweeps.
 */
public final class ChannelRoster {

    private ChannelRoster() {
    }

    /** Writes the member row (kept if it is there) and counts its user in; the channel's occupancy after. */
    public static long add(Ignite ignite, ChannelMemberKey member, ChannelMember row) {
        ignite.<ChannelMemberKey, ChannelMember>cache(CacheNames.CHANNEL_MEMBER).putIfAbsent(member, row);
        boolean userCameIn = users(ignite).invoke(userOf(member), new AddChannelDevice(member.device()));
        return userCameIn ? occupancies(ignite).invoke(member.channelId(), new AddToOccupancy(1)) : occupancy(ignite, member.channelId());
    }

    /** Removes the member row and counts its user out if that was their last device; the channel's occupancy after. */
    public static long remove(Ignite ignite, ChannelMemberKey member) {
        ignite.<ChannelMemberKey, ChannelMember>cache(CacheNames.CHANNEL_MEMBER).remove(member);
        boolean userWentOut = users(ignite).invoke(userOf(member), new RemoveChannelDevice(member.device()));
        return userWentOut ? occupancies(ignite).invoke(member.channelId(), new AddToOccupancy(-1)) : occupancy(ignite, member.channelId());
    }

    /** As {@link #remove} for one device's rows in many channels, in three batched calls however many. */
    static void removeDevice(Ignite ignite, String userId, String device, List<String> channelIds) {
        // Sorted, as Ignite asks of batch writes.
        Set<ChannelMemberKey> rows = new TreeSet<>();
        Set<ChannelUserKey> users = new TreeSet<>();
        for (String channelId : channelIds) {
            rows.add(new ChannelMemberKey(channelId, userId, device));
            users.add(new ChannelUserKey(channelId, userId));
        }
        ignite.<ChannelMemberKey, ChannelMember>cache(CacheNames.CHANNEL_MEMBER).removeAll(rows);
        Map<ChannelUserKey, EntryProcessorResult<Boolean>> removed = users(ignite).invokeAll(users, new RemoveChannelDevice(device));
        Set<String> emptier = new TreeSet<>();
        removed.forEach((user, wentOut) -> {
            if (Boolean.TRUE.equals(wentOut.get())) {
                emptier.add(user.channelId());
            }
        });
        if (!emptier.isEmpty()) {
            occupancies(ignite).invokeAll(emptier, new AddToOccupancy(-1));
        }
    }

    private static long occupancy(Ignite ignite, String channelId) {
        Long count = occupancies(ignite).get(channelId);
        return count == null ? 0 : count;
    }

    /** The channel's count and whether {@code userId} (may be null) is in it, read on the channel's primary node. */
    static ChannelCount countOnPrimary(Ignite ignite, String channelId, String userId) {
        Long count = occupancies(ignite).localPeek(channelId, CachePeekMode.PRIMARY);
        boolean member = userId != null
                && users(ignite).localPeek(new ChannelUserKey(channelId, userId), CachePeekMode.PRIMARY) != null;
        return new ChannelCount(count == null ? 0 : count, member);
    }

    /** Whether the member row is there, read on the channel's primary node. */
    static boolean hasRowOnPrimary(Ignite ignite, ChannelMemberKey member) {
        return ignite.<ChannelMemberKey, ChannelMember>cache(CacheNames.CHANNEL_MEMBER).localPeek(member, CachePeekMode.PRIMARY) != null;
    }

    /** The caches colocated by channel, which an affinity call on a channel keeps on its node while it runs. */
    public static List<String> caches() {
        return List.of(CacheNames.CHANNEL_MEMBER, CacheNames.CHANNEL_USER, CacheNames.CHANNEL_OCCUPANCY);
    }

    private static ChannelUserKey userOf(ChannelMemberKey member) {
        return new ChannelUserKey(member.channelId(), member.userId());
    }

    private static IgniteCache<ChannelUserKey, ChannelUserDevices> users(Ignite ignite) {
        return ignite.cache(CacheNames.CHANNEL_USER);
    }

    private static IgniteCache<String, Long> occupancies(Ignite ignite) {
        return ignite.cache(CacheNames.CHANNEL_OCCUPANCY);
    }
}
