package io.presencegrid.tasks.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One page of a channel's members, in user-id order: each user with their devices in the channel, whether
 * more users follow, and how many users the channel holds. A plain class for the binary marshaller.
 */
public final class ChannelPage {

    private final TreeMap<String, ArrayList<String>> members;
    private final boolean more;
    private final long occupancy;

    public ChannelPage(SortedMap<String, ? extends List<String>> members, boolean more, long occupancy) {
        this.members = new TreeMap<>();
        members.forEach((user, devices) -> this.members.put(user, new ArrayList<>(devices)));
        this.more = more;
        this.occupancy = occupancy;
    }

    public SortedMap<String, List<String>> members() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    public boolean more() {
        return more;
    }

    public long occupancy() {
        return occupancy;
    }
}
