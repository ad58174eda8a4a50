package io.presencegrid.schema;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheKeyConfiguration;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.QueryIndex;
import org.apache.ignite.cache.QueryIndexType;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The grid's caches, defined once in Java so the server XML ({@code presence-grid/caches.xml}) and test
 * grids built without ignite-spring use the very same definitions.
 *
 * <p>Every cache is PARTITIONED with 2 backups and FULL_SYNC: a write is acknowledged only once the
 * primary and both backups hold it, so losing any two nodes loses no acknowledged presence. What the
 * contract keeps across a full restart (PRESENCE, SUBSCRIPTION, the subscriber index) is persistent;
 * what lives only as long as a session or a socket (DEVICE_SESSION, SOCKET_INTEREST) is in an in-memory
 * region, so its writes cost no WAL. A change is one entry processor on the user's PRESENCE row and a
 * heartbeat one on the device's session, each at the key's primary (docs/presence-write-path.md).
 */
public final class PresenceCaches {

    /** Seconds a device session lives without a refresh, unless {@code PRESENCE_TTL_SECONDS} says otherwise. */
    public static final int DEFAULT_TTL_SECONDS = 60;

    /** The in-memory data region of {@link #deviceSession} and {@link #socketInterest}. */
    public static final String LIVE_REGION = "live";

    /** Rendezvous' default, spelled out because colocated caches must agree on it. */
    private static final int PARTITIONS = 1024;

    /** What the users of a node whose lease lapsed may wait past the session TTL (DESIGN.md: TTL + 2 s). */
    private static final java.time.Duration MAX_LEASE_ENDING_ALLOWANCE = java.time.Duration.ofSeconds(2);

    private PresenceCaches() {
    }

    public static List<CacheConfiguration<?, ?>> all(int deviceSessionTtlSeconds) {
        return all(deviceSessionTtlSeconds, false);
    }

    /**
     * The caches; with {@code writeMajority} they take writes only while more than half of the baseline
     * is in the topology ({@link BaselineQuorum}): a node cut off from the rest serves reads but
     * acknowledges no write the majority would never see. Off, one node left of three keeps writing after
     * two crashes, and so would a node cut off by a network partition.
     */
    public static List<CacheConfiguration<?, ?>> all(int deviceSessionTtlSeconds, boolean writeMajority) {
        List<CacheConfiguration<?, ?>> caches = List.of(presence(), deviceSession(deviceSessionTtlSeconds), subscription(),
                subscriberIndex(), socketInterest(), channelMember(), channelUser(), channelOccupancy(), deviceChannels(),
                channelInterest(), apiNodeLease(deviceSessionTtlSeconds));
        if (writeMajority) {
            caches.forEach(cache -> cache.setTopologyValidator(new BaselineQuorum()));
        }
        return caches;
    }

    public static CacheConfiguration<String, UserPresence> presence() {
        QueryEntity table = new QueryEntity(String.class.getName(), UserPresence.class.getName())
                .setTableName("PRESENCE")
                .setKeyFieldName("userId")
                .setFields(columns(
                        "userId", String.class, "status", String.class, "message", String.class,
                        "deviceCount", Integer.class, "lastSeenAt", Timestamp.class,
                        "updatedAt", Timestamp.class, "version", Long.class))
                .setNotNullFields(Set.of("status", "updatedAt", "version"));
        // No secondary index: STATUS has five values and LAST_SEEN_AT serves analysts' range queries a scan
        // answers too; kept, the two trees cost 90-150 bytes per user per copy and an upkeep on every write.
        return colocated(new CacheConfiguration<String, UserPresence>(CacheNames.PRESENCE), table)
                .setGroupName(CacheNames.PRESENCE_GROUP)
                // TRANSACTIONAL although every write is a single entry processor: an ATOMIC primary applies
                // a write to its own copy before its backups have it, so a primary cut off by a network
                // partition kept a write that was never acknowledged and, having halted and rejoined with
                // the same update counter, a copy that differed from the others for good (the partition
                // drill's idle_verify). An implicit single-key transaction commits on no copy until the
                // backups are reached. Heartbeats do not write this cache, so only changes pay for it.
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL);
    }

    public static CacheConfiguration<DeviceSessionKey, DeviceSession> deviceSession(int ttlSeconds) {
        if (ttlSeconds < 1) {
            throw new IllegalArgumentException("PRESENCE_TTL_SECONDS must be at least 1, was " + ttlSeconds);
        }
        QueryEntity table = new QueryEntity(DeviceSessionKey.class.getName(), DeviceSession.class.getName())
                .setTableName("DEVICE_SESSION")
                .setKeyFields(Set.of("userId", "device"))
                .setFields(columns(
                        "userId", String.class, "device", String.class,
                        "status", String.class, "lastActiveAt", Timestamp.class))
                .setNotNullFields(Set.of("status", "lastActiveAt"));
        // No index of our own: Ignite adds one on the affinity column (AFFINITY_KEY), which serves the join
        // with PRESENCE; a STATUS index was the one tree that broke on this cache (docs/operations.md, logs).
        return live(new CacheConfiguration<DeviceSessionKey, DeviceSession>(CacheNames.DEVICE_SESSION), table)
                .setKeyConfiguration(affinityOnUserId(DeviceSessionKey.class))
                // Modified, not Touched: a session lives while it is written (update, heartbeat,
                // socket refresh); reading presence must never keep a device alive.
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, ttlSeconds)))
                // The ttl-cleanup-worker removes expired sessions (and fires their events) without
                // waiting for someone to read them: that is what turns a silent user offline.
                .setEagerTtl(true)
                // The primary-key tree then holds only row links, not the inlined key (two strings): a
                // session is the cost every online user pays on three nodes, and no SQL query looks a
                // session up by key often enough to need the inlined copy.
                .setSqlIndexMaxInlineSize(0);
    }

    public static CacheConfiguration<SubscriptionKey, Subscription> subscription() {
        QueryEntity table = new QueryEntity(SubscriptionKey.class.getName(), Subscription.class.getName())
                .setTableName("SUBSCRIPTION")
                .setKeyFields(Set.of("userId", "subscriberId"))
                .setFields(columns(
                        "userId", String.class, "subscriberId", String.class, "createdAt", Timestamp.class))
                .setNotNullFields(Set.of("createdAt"))
                .setIndexes(List.of(new QueryIndex("userId"), new QueryIndex("subscriberId")));
        return colocated(new CacheConfiguration<SubscriptionKey, Subscription>(CacheNames.SUBSCRIPTION), table)
                .setGroupName(CacheNames.SUBSCRIPTION_GROUP)
                // A subscribe writes the subscriber's index entry and the rows it mirrors together.
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
                .setKeyConfiguration(affinityOnUserId(SubscriptionKey.class));
    }

    /**
     * Whom each subscriber follows, keyed by subscriber id and so colocated with the subscriber's own
     * PRESENCE row. Written in the same transaction as the SUBSCRIPTION rows it mirrors.
     */
    public static CacheConfiguration<String, FollowedUsers> subscriberIndex() {
        return colocated(new CacheConfiguration<String, FollowedUsers>(CacheNames.SUBSCRIBER_INDEX))
                .setGroupName(CacheNames.SUBSCRIPTION_GROUP)
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL);
    }

    /**
     * Which API node has live sockets following which user, colocated with the user. Written only when
     * a node's first socket follows a user and removed with the last, so it changes far less often than
     * presence; entries of an API node that leaves the cluster are removed by the servers. In memory:
     * sockets do not outlive a restart, so neither need their records.
     */
    public static CacheConfiguration<InterestKey, Long> socketInterest() {
        return interest(CacheNames.SOCKET_INTEREST, InterestKey.class, "userId");
    }

    /**
     * Channel members, colocated by channel: a channel's listing, count and changes come from one primary.
     * In memory, like the sessions whose lifetime bounds them: after a full restart no device is online,
     * so none is a member. The index serves the listing's order (by user) within one channel.
     */
    public static CacheConfiguration<ChannelMemberKey, ChannelMember> channelMember() {
        QueryEntity table = new QueryEntity(ChannelMemberKey.class.getName(), ChannelMember.class.getName())
                .setTableName("CHANNEL_MEMBER")
                .setKeyFields(Set.of("channelId", "userId", "device"))
                .setFields(columns(
                        "channelId", String.class, "userId", String.class, "device", String.class,
                        "joinedAt", Timestamp.class))
                .setNotNullFields(Set.of("joinedAt"))
                .setIndexes(List.of(new QueryIndex(List.of("channelId", "userId"), QueryIndexType.SORTED)
                        .setName("CHANNEL_MEMBER_BY_USER")));
        return live(new CacheConfiguration<ChannelMemberKey, ChannelMember>(CacheNames.CHANNEL_MEMBER), table)
                .setKeyConfiguration(new CacheKeyConfiguration(ChannelMemberKey.class.getName(), "channelId"));
    }

    /**
     * Each user's devices in each channel, colocated with the channel's members: the first device in and
     * the last out move the channel's occupancy.
     */
    public static CacheConfiguration<ChannelUserKey, ChannelUserDevices> channelUser() {
        return colocated(new CacheConfiguration<ChannelUserKey, ChannelUserDevices>(CacheNames.CHANNEL_USER))
                .setGroupName(CacheNames.LIVE_GROUP)
                .setDataRegionName(LIVE_REGION)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setKeyConfiguration(new CacheKeyConfiguration(ChannelUserKey.class.getName(), "channelId"));
    }

    /**
     * Each channel's count of users, keyed by channel id, which lands in the partition of the channel's
     * member rows (their affinity field is the same id).
     */
    public static CacheConfiguration<String, Long> channelOccupancy() {
        return colocated(new CacheConfiguration<String, Long>(CacheNames.CHANNEL_OCCUPANCY))
                .setGroupName(CacheNames.LIVE_GROUP)
                .setDataRegionName(LIVE_REGION)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC);
    }

    /** Each device's channels, colocated with its user, where the end of the device's presence is decided. */
    public static CacheConfiguration<DeviceSessionKey, DeviceChannels> deviceChannels() {
        return colocated(new CacheConfiguration<DeviceSessionKey, DeviceChannels>(CacheNames.DEVICE_CHANNELS))
                .setGroupName(CacheNames.LIVE_GROUP)
                .setDataRegionName(LIVE_REGION)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setKeyConfiguration(affinityOnUserId(DeviceSessionKey.class));
    }

    /**
     * Which API node has sockets watching which channel, colocated with the channel's members, where the
     * member rows' continuous-query filter looks it up. Written when a node's first socket watches a channel
     * and removed with the last; the servers remove the records of an API node that leaves.
     */
    public static CacheConfiguration<ChannelInterestKey, Long> channelInterest() {
        return interest(CacheNames.CHANNEL_INTEREST, ChannelInterestKey.class, "channelId");
    }

    /**
     * Each API node's lease: rewritten by the node every third of its own TTL, {@link #apiNodeLeaseTtl}. The
     * sessions a node's device sockets hold live as long as it (see HeldSessions in the compute tasks); a few
     * entries, one per API node.
     */
    public static CacheConfiguration<Long, Long> apiNodeLease(int ttlSeconds) {
        return colocated(new CacheConfiguration<Long, Long>(CacheNames.API_NODE_LEASE))
                .setGroupName(CacheNames.LIVE_GROUP)
                .setDataRegionName(LIVE_REGION)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new Duration(TimeUnit.MILLISECONDS, apiNodeLeaseTtl(ttlSeconds).toMillis())))
                .setEagerTtl(true);
    }

    /**
     * How long an API node's lease lives after its last write: the session TTL less the time the grid takes
     * to end the sessions of a lease that lapsed, at most 2 s (a quarter of a TTL under 8 s). Its users are
     * promised offline within the TTL and 2 s of the node's last word; the ending itself (Ignite's expiry
     * tick of up to half a second, a broadcast to the servers, the sessions' removal, the followers' events)
     * took about 1.7 s after the lapse on a quiet machine and more than 2 s on a busy one, where a lease of a
     * whole TTL left no room for it.
     */
    public static java.time.Duration apiNodeLeaseTtl(int ttlSeconds) {
        java.time.Duration ttl = java.time.Duration.ofSeconds(ttlSeconds);
        java.time.Duration quarter = ttl.dividedBy(4);
        return ttl.minus(quarter.compareTo(MAX_LEASE_ENDING_ALLOWANCE) < 0 ? quarter : MAX_LEASE_ENDING_ALLOWANCE);
    }

    /** An API node's interest records, to when each was registered: in memory, beside what they are about. */
    private static <K> CacheConfiguration<K, Long> interest(String name, Class<K> key, String affinityField) {
        return colocated(new CacheConfiguration<K, Long>(name))
                .setGroupName(CacheNames.LIVE_GROUP)
                .setDataRegionName(LIVE_REGION)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setKeyConfiguration(new CacheKeyConfiguration(key.getName(), affinityField));
    }

    /** In the in-memory live region, in the live group; ATOMIC, written one entry at a time. */
    private static <K, V> CacheConfiguration<K, V> live(CacheConfiguration<K, V> cache, QueryEntity table) {
        return colocated(cache, table)
                .setGroupName(CacheNames.LIVE_GROUP)
                .setDataRegionName(LIVE_REGION)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC);
    }

    private static <K, V> CacheConfiguration<K, V> colocated(CacheConfiguration<K, V> cache, QueryEntity table) {
        return colocated(cache)
                .setSqlSchema("PUBLIC")
                .setQueryEntities(List.of(table.setAliases(columnNames(table))));
    }

    private static <K, V> CacheConfiguration<K, V> colocated(CacheConfiguration<K, V> cache) {
        return cache
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(2)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setAffinity(new RendezvousAffinityFunction(false, PARTITIONS))
                // READ_WRITE_SAFE: if all three copies of a partition are gone, its users' reads and
                // writes fail loudly instead of answering "never seen" or resurrecting stale rows, while
                // every other partition keeps serving. Persistent data comes back when a node holding the
                // partition returns; then `control.sh --cache reset_lost_partitions`.
                .setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE);
    }

    /**
     * Declares the affinity field in the cache configuration, which every node and SQL share. With the
     * query entities in place, {@code @AffinityKeyMapped} alone did not colocate these keys: GridLayoutIT
     * saw sessions and subscriptions spread by the whole key until this was added.
     */
    private static CacheKeyConfiguration affinityOnUserId(Class<?> keyClass) {
        return new CacheKeyConfiguration(keyClass.getName(), "userId");
    }

    /** Field name to SQL column: {@code lastSeenAt} becomes LAST_SEEN_AT, as DESIGN.md names them. */
    private static Map<String, String> columnNames(QueryEntity table) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String field : table.getFields().keySet()) {
            aliases.put(field, field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
        }
        return aliases;
    }

    private static LinkedHashMap<String, String> columns(Object... namesAndTypes) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put((String) namesAndTypes[i], ((Class<?>) namesAndTypes[i + 1]).getName());
        }
        return fields;
    }
}
