package io.presencegrid.schema;

import java.util.List;

/**
 * Names of the grid's caches and of the cache group they share. Used by server nodes, compute tasks
 * and the API alike, so every node agrees on them.
 */
public final class CacheNames {

    /** One {@link UserPresence} per known user, keyed by user id. SQL table PRESENCE. */
    public static final String PRESENCE = "presence";

    /**
     * One {@link DeviceSession} per live device session, keyed by {@link DeviceSessionKey}, in memory only.
     * SQL table DEVICE_SESSION.
     */
    public static final String DEVICE_SESSION = "device_session";

    /** One {@link Subscription} per (target user, subscriber), keyed by {@link SubscriptionKey}. SQL table SUBSCRIPTION. */
    public static final String SUBSCRIPTION = "subscription";

    /** One {@link FollowedUsers} per subscriber, keyed by subscriber id: whom they follow. Not SQL. */
    public static final String SUBSCRIBER_INDEX = "subscriber_index";

    /** {@link InterestKey} to the time it was registered: which API node has sockets following whom. In memory. */
    public static final String SOCKET_INTEREST = "socket_interest";

    /**
     * One {@link ChannelMember} per device in a channel, keyed by {@link ChannelMemberKey} and colocated by
     * channel, in memory only: a membership lasts no longer than the device's session. SQL table CHANNEL_MEMBER.
     */
    public static final String CHANNEL_MEMBER = "channel_member";

    /**
     * {@link ChannelUserKey} to the {@link ChannelUserDevices} through which that user is in that channel,
     * colocated by channel. In memory. Not SQL.
     */
    public static final String CHANNEL_USER = "channel_user";

    /**
     * Channel id to how many users are in it (a Long), colocated with the channel's members: the count a
     * join answers with and checks the limit against, without reading the channel. In memory. Not SQL.
     */
    public static final String CHANNEL_OCCUPANCY = "channel_occupancy";

    /** {@link DeviceSessionKey} to the {@link DeviceChannels} that device is in, colocated with the user. In memory. Not SQL. */
    public static final String DEVICE_CHANNELS = "device_channels";

    /** {@link ChannelInterestKey} to the time it was registered: which API node has sockets watching which channel. In memory. */
    public static final String CHANNEL_INTEREST = "channel_interest";

    /**
     * An API node's order (a Long) to when it last said it is alive (epoch millis, a Long), with a TTL 2 s
     * short of the session TTL ({@link PresenceCaches#apiNodeLeaseTtl}): the lease that keeps alive the
     * sessions that node's device sockets hold. In memory. Not SQL.
     */
    public static final String API_NODE_LEASE = "api_node_lease";

    /** PRESENCE's cache group: persistent and TRANSACTIONAL, apart from the subscriptions so each group's files stay its own. */
    public static final String PRESENCE_GROUP = "presence-group";

    /** SUBSCRIPTION and SUBSCRIBER_INDEX, written together in transactions, share one persistent group. */
    public static final String SUBSCRIPTION_GROUP = "subscription-group";

    /**
     * The in-memory caches (DEVICE_SESSION, SOCKET_INTEREST, CHANNEL_MEMBER, CHANNEL_USER, CHANNEL_OCCUPANCY,
     * DEVICE_CHANNELS, CHANNEL_INTEREST, API_NODE_LEASE) share another: a cache group lives in one data region. Every group uses the same affinity function, partition count and backups, so all rows of one
     * user still land in one partition on one primary.
     */
    public static final String LIVE_GROUP = "live-group";

    /** The presence caches: persistent, colocated by user id, SQL tables. */
    public static final List<String> ALL = List.of(PRESENCE, DEVICE_SESSION, SUBSCRIPTION);

    private CacheNames() {
    }
}
