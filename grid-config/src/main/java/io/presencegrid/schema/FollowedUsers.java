package io.presencegrid.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The users one subscriber follows: the value of the SUBSCRIBER_INDEX cache, keyed by subscriber id.
 * SUBSCRIPTION rows live with the followed user (where events are filtered); this index lives with
 * the subscriber, so "whom do I follow" and the 1,000-subscription limit are one local read.
 */
public final class FollowedUsers {

    private final TreeSet<String> userIds;

    public FollowedUsers(Collection<String> userIds) {
        this.userIds = new TreeSet<>(userIds);
    }

    public SortedSet<String> userIds() {
        return Collections.unmodifiableSortedSet(userIds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FollowedUsers that && userIds.equals(that.userIds);
    }

    @Override
    public int hashCode() {
        return userIds.hashCode();
    }
}
