package io.presencegrid.schema;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheKeyConfiguration;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.QueryIndex;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The grid's three caches, defined once in Java so the server XML ({@code presence-grid/caches.xml})
 * and test grids built without ignite-spring use the very same definitions.
 *
 * <p>Every cache is PARTITIONED with 2 backups and FULL_SYNC: a write is acknowledged only once the
 * primary and both backups hold it, so losing any two nodes loses no acknowledged presence.
 * TRANSACTIONAL, because one presence change writes a session and the user's aggregate together,
 * under the user's lock, on the user's primary node.
 */
public final class PresenceCaches {

    /** Seconds a device session lives without a refresh, unless {@code PRESENCE_TTL_SECONDS} says otherwise. */
    public static final int DEFAULT_TTL_SECONDS = 60;

    /** Rendezvous' default, spelled out because colocated caches must agree on it. */
    private static final int PARTITIONS = 1024;

    private PresenceCaches() {
    }

    /** The in-memory data region of {@link #rateLimit()}: rate-limit state need not survive a restart. */
    public static final String RATE_LIMIT_REGION = "rate-limits";

    public static List<CacheConfiguration<?, ?>> all(int deviceSessionTtlSeconds) {
        return all(deviceSessionTtlSeconds, false);
    }

    /**
     * The caches; with {@code writeMajority} the user-data caches take writes only while more than
     * half of the baseline is in the topology ({@link BaselineQuorum}): a node cut off from the rest
     * serves reads but acknowledges no write the majority would never see. Off, one node left of
     * three keeps writing after two crashes, and so would a node cut off by a network partition.
     */
    public static List<CacheConfiguration<?, ?>> all(int deviceSessionTtlSeconds, boolean writeMajority) {
        List<CacheConfiguration<?, ?>> userData = List.of(presence(), deviceSession(deviceSessionTtlSeconds), subscription(),
                subscriberIndex(), socketInterest());
        if (writeMajority) {
            userData.forEach(cache -> cache.setTopologyValidator(new BaselineQuorum()));
        }
        // Rate-limit buckets are not user data: a split-off node may charge them.
        return Stream.concat(userData.stream(), Stream.of(rateLimit())).toList();
    }

    public static CacheConfiguration<String, UserPresence> presence() {
        QueryEntity table = new QueryEntity(String.class.getName(), UserPresence.class.getName())
                .setTableName("PRESENCE")
                .setKeyFieldName("userId")
                .setFields(columns(
                        "userId", String.class, "status", String.class, "message", String.class,
                        "deviceCount", Integer.class, "lastSeenAt", Timestamp.class,
                        "updatedAt", Timestamp.class, "version", Long.class))
                .setNotNullFields(Set.of("status", "updatedAt", "version"))
                .setIndexes(List.of(new QueryIndex("status"), new QueryIndex("lastSeenAt")));
        return colocated(new CacheConfiguration<String, UserPresence>(CacheNames.PRESENCE), table);
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
                .setNotNullFields(Set.of("status", "lastActiveAt"))
                // No index on STATUS: a handful of values across every session, so it served no query
                // better than a scan, and it was the one index that broke (CorruptedTreeException, nodes
                // halted) on this cache, the only one whose rows expire (docs/operations.md, logs).
                .setIndexes(List.of(new QueryIndex("userId")));
        return colocated(new CacheConfiguration<DeviceSessionKey, DeviceSession>(CacheNames.DEVICE_SESSION), table)
                .setKeyConfiguration(affinityOnUserId(DeviceSessionKey.class))
                // Modified, not Touched: a session lives while it is written (update, heartbeat,
                // socket refresh); reading presence must never keep a device alive.
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, ttlSeconds)))
                // The ttl-cleanup-worker removes expired sessions (and fires their events) without
                // waiting for someone to read them: that is what turns a silent user offline.
                .setEagerTtl(true);
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
                .setKeyConfiguration(affinityOnUserId(SubscriptionKey.class));
    }

    /**
     * Whom each subscriber follows, keyed by subscriber id and so colocated with the subscriber's own
     * PRESENCE row. Written in the same transaction as the SUBSCRIPTION rows it mirrors.
     */
    public static CacheConfiguration<String, FollowedUsers> subscriberIndex() {
        return colocated(new CacheConfiguration<String, FollowedUsers>(CacheNames.SUBSCRIBER_INDEX));
    }

    /**
     * Which API node has live sockets following which user, colocated with the user. Written only when
     * a node's first socket follows a user and removed with the last, so it changes far less often than
     * presence; entries of an API node that leaves the cluster are removed by the servers.
     */
    public static CacheConfiguration<InterestKey, Long> socketInterest() {
        return colocated(new CacheConfiguration<InterestKey, Long>(CacheNames.SOCKET_INTEREST))
                .setKeyConfiguration(new CacheKeyConfiguration(InterestKey.class.getName(), "userId"));
    }

    /**
     * Bucket4j token buckets of the per-user rate limit, shared by all API nodes: each request runs
     * Bucket4j's entry processor on the bucket's primary node. ATOMIC (an entry processor needs no
     * transaction), in memory: losing a bucket only refills it. A bucket idle for a minute is full
     * again anyway, so it expires then instead of piling up. Two backups like the data, although a
     * bucket is cheap to lose: with one, the node-kill drill (two of three nodes SIGKILLed) left a
     * third of the partitions LOST, and an in-memory partition of a baseline cluster stays LOST until
     * an operator resets it, even after the nodes are back.
     */
    public static CacheConfiguration<String, byte[]> rateLimit() {
        return new CacheConfiguration<String, byte[]>(CacheNames.RATE_LIMIT)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(2)
                // The request goes on once the primary has charged the bucket; the backup follows.
                // A bucket that misses its last charges when a node dies lets a few requests too many
                // through, once: a limit, not a ledger.
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.PRIMARY_SYNC)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setDataRegionName(RATE_LIMIT_REGION)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 60)))
                .setEagerTtl(true);
    }

    private static <K, V> CacheConfiguration<K, V> colocated(CacheConfiguration<K, V> cache, QueryEntity table) {
        return colocated(cache)
                .setSqlSchema("PUBLIC")
                .setQueryEntities(List.of(table.setAliases(columnNames(table))));
    }

    private static <K, V> CacheConfiguration<K, V> colocated(CacheConfiguration<K, V> cache) {
        return cache
                .setGroupName(CacheNames.PRESENCE_GROUP)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(2)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
                .setAffinity(new RendezvousAffinityFunction(false, PARTITIONS))
                // READ_WRITE_SAFE: if all three copies of a partition are gone, its users' reads and
                // writes fail loudly instead of answering "never seen" or resurrecting stale rows, while
                // every other partition keeps serving. The data comes back when a node holding the
                // partition returns (persistence); then `control.sh --cache reset_lost_partitions`.
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
