package io.presencegrid.api.fakes;

import io.presencegrid.api.channel.ChannelStore;
import io.presencegrid.schema.ChannelMember;
import io.presencegrid.schema.DeviceChannels;
import io.presencegrid.tasks.channel.ChannelJoin;
import io.presencegrid.tasks.channel.ChannelPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Channel memberships: each channel's users with their devices in it, in user-id order. A join checks
 * what the grid's does, in its order: at the device's entry, that the device is live in its user's row and
 * under its limit of channels; then, at the channel, its limit of users.
 */
final class FakeChannelStore implements ChannelStore {

    private final FakeGrid grid;
    private final Map<String, TreeMap<String, TreeSet<String>>> channels = new HashMap<>();

    FakeChannelStore(FakeGrid grid) {
        this.grid = grid;
    }

    @Override
    public synchronized Joined join(String channelId, String userId, String device) {
        grid.call();
        TreeMap<String, TreeSet<String>> members = channels.getOrDefault(channelId, new TreeMap<>());
        boolean userIsMember = members.containsKey(userId);
        if (!grid.rows().isLive(userId, device)) {
            return new Joined(ChannelJoin.DEVICE_OFFLINE, 0);
        }
        if (userIsMember && members.get(userId).contains(device)) {
            return new Joined(ChannelJoin.ALREADY_MEMBER, members.size());
        }
        if (channelsOf(userId, device) >= DeviceChannels.MAX_CHANNELS) {
            return new Joined(ChannelJoin.TOO_MANY_CHANNELS, 0);
        }
        if (!userIsMember && members.size() >= ChannelMember.MAX_PER_CHANNEL) {
            return new Joined(ChannelJoin.CHANNEL_FULL, members.size());
        }
        members.computeIfAbsent(userId, user -> new TreeSet<>()).add(device);
        channels.put(channelId, members);
        return new Joined(ChannelJoin.JOINED, members.size());
    }

    @Override
    public synchronized long leave(String channelId, String userId, String device) {
        grid.call();
        remove(channelId, userId, device);
        return channels.getOrDefault(channelId, new TreeMap<>()).size();
    }

    private void remove(String channelId, String userId, String device) {
        TreeMap<String, TreeSet<String>> members = channels.get(channelId);
        if (members == null || !members.containsKey(userId)) {
            return;
        }
        members.get(userId).remove(device);
        if (members.get(userId).isEmpty()) {
            members.remove(userId);
        }
        if (members.isEmpty()) {
            channels.remove(channelId);
        }
    }

    @Override
    public synchronized ChannelPage members(String channelId, String afterUserId, int limit) {
        grid.call();
        TreeMap<String, TreeSet<String>> members = channels.getOrDefault(channelId, new TreeMap<>());
        SortedMap<String, TreeSet<String>> after = afterUserId == null ? members : members.tailMap(afterUserId, false);
        SortedMap<String, List<String>> page = new TreeMap<>();
        for (Map.Entry<String, TreeSet<String>> member : after.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            page.put(member.getKey(), new ArrayList<>(member.getValue()));
        }
        return new ChannelPage(page, after.size() > page.size(), members.size());
    }

    /** The device left presence (offline): it leaves every channel it was in. */
    synchronized void leaveAll(String userId, String device) {
        new ArrayList<>(channels.keySet()).forEach(channelId -> remove(channelId, userId, device));
    }

    /** The user was deleted: every device of theirs leaves every channel. */
    synchronized void leaveAllOfUser(String userId) {
        channels.values().forEach(members -> members.remove(userId));
        channels.values().removeIf(Map::isEmpty);
    }

    synchronized void clear() {
        channels.clear();
    }

    private long channelsOf(String userId, String device) {
        return channels.values().stream()
                .filter(members -> members.getOrDefault(userId, new TreeSet<>()).contains(device))
                .count();
    }
}
