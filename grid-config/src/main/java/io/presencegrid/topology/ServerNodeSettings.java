package io.presencegrid.topology;

import static io.presencegrid.topology.EnvironmentValues.integer;
import static io.presencegrid.topology.EnvironmentValues.text;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes one server node itself: its index, ports, consistent id and work directory, plus the
 * operator's knobs. {@link #placeholders()} feeds the {@code ${...}} placeholders of the server XML.
 *
 * @param nodeIndex   0-based index; names the node ({@code node-i}: its work and log files) and picks its
 *                    default ports from the port plan; any index, as long as the ports stay ports
 * @param home        PRESENCE_HOME: the node works in {@code home/node-i}
 * @param placement   the address it binds and advertises and its ports (PRESENCE_NODE_HOST,
 *                    PRESENCE_NODE_ADVERTISED_HOST, PRESENCE_*_PORT: {@link NodePlacement})
 * @param consistentId PRESENCE_NODE_CONSISTENT_ID: the name persistence binds the node's data files and
 *                    baseline slot to; {@code presence-node-i} by default
 * @param ttlSeconds  PRESENCE_TTL_SECONDS: device-session time to live
 * @param walMode     PRESENCE_WAL_MODE: LOG_ONLY (survives a process crash) or FSYNC (survives power loss)
 * @param regionMb    PRESENCE_DATA_REGION_MB: off-heap data region size
 * @param sweepSeconds PRESENCE_SWEEP_SECONDS: how often the presence sweeper runs on each node
 * @param retentionDays PRESENCE_RETENTION_DAYS: users not seen for longer are purged (1..36500)
 * @param purgePeriodSeconds PRESENCE_PURGE_PERIOD_SECONDS: how often the retention purge runs (default a day)
 * @param discoveryAddresses PRESENCE_GRID_ADDRESSES: where the IP finder looks for the other servers,
 *                    comma-separated; the API reads the same variable for the same list
 * @param writeQuorum PRESENCE_WRITE_QUORUM: {@code none} (any surviving node writes) or {@code majority}
 *                    (only a side holding more than half the baseline writes: no split brain)
 * @param connectionRecoveryMillis PRESENCE_CONNECTION_RECOVERY_MILLIS: TcpDiscoverySpi's connectionRecoveryTimeout,
 *                    how long a node that lost its ring neighbours tries the others before it segments itself
 * @param liveRegionMb PRESENCE_LIVE_REGION_MB: the in-memory region of live sessions and socket interest;
 *                    unlike the persistent region it cannot spill to disk, so it must hold every live
 *                    session the node keeps a copy of (about 250 bytes each)
 */
public record ServerNodeSettings(int nodeIndex, Path home, NodePlacement placement, String consistentId, int ttlSeconds,
                                 String walMode, int regionMb, int sweepSeconds, int retentionDays, long purgePeriodSeconds,
                                 String discoveryAddresses, String writeQuorum, long connectionRecoveryMillis,
                                 int liveRegionMb) {

    public static final String CONSISTENT_ID = "PRESENCE_NODE_CONSISTENT_ID";

    /** Persistence makes a directory of the consistent id: letters, digits and a little punctuation only. */
    private static final Pattern CONSISTENT_ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Ignite's default (failureDetectionTimeout, 10 s). At 1 s a cut-off node segmented itself, but so,
     * sometimes, did the whole majority: the node before the cut-off one needs about 1.7 s to hand over to
     * the next (docs/reliability.md). The cut-off node is stopped by {@link MinorityHalt} instead.
     */
    public static final long DEFAULT_CONNECTION_RECOVERY_MILLIS = 10_000;

    /** PRESENCE_WRITE_QUORUM values: see {@link io.presencegrid.schema.PresenceCaches#all(int, boolean)}. */
    public static final Set<String> WRITE_QUORUMS = Set.of("none", "majority");

    public static final int DEFAULT_RETENTION_DAYS = 90;
    /** About a million live sessions' copies per node. */
    public static final int DEFAULT_LIVE_REGION_MB = 256;
    /** What test grids and other callers without an operator's setting get: a few hundred thousand sessions. */
    private static final int SMALL_LIVE_REGION_MB = 64;
    public static final long DEFAULT_PURGE_PERIOD_SECONDS = 24 * 60 * 60;
    /** A hundred years: anything longer is a typo, not a policy. */
    public static final int MAX_RETENTION_DAYS = 36_500;

    /** Only the modes that keep acknowledged writes through a process crash are allowed. */
    public static final Set<String> WAL_MODES = Set.of("LOG_ONLY", "FSYNC");

    public ServerNodeSettings {
        if (nodeIndex < 0) {
            throw new IllegalArgumentException("node index must be 0 or more, was " + nodeIndex);
        }
        if (consistentId == null || consistentId.isBlank()) {
            consistentId = "presence-node-" + nodeIndex;
        }
        consistentId = consistentId.trim();
        if (!CONSISTENT_ID_PATTERN.matcher(consistentId).matches()) {
            throw new IllegalArgumentException(CONSISTENT_ID + " must be 1-64 letters, digits, '.', '_' or '-', was '" + consistentId + "'");
        }
        walMode = walMode.toUpperCase(Locale.ROOT);
        if (!WAL_MODES.contains(walMode)) {
            throw new IllegalArgumentException("PRESENCE_WAL_MODE must be LOG_ONLY or FSYNC, was " + walMode);
        }
        if (ttlSeconds < 1) {
            throw new IllegalArgumentException("PRESENCE_TTL_SECONDS must be at least 1, was " + ttlSeconds);
        }
        if (sweepSeconds < 1) {
            throw new IllegalArgumentException("PRESENCE_SWEEP_SECONDS must be at least 1, was " + sweepSeconds);
        }
        if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("PRESENCE_RETENTION_DAYS must be 1.." + MAX_RETENTION_DAYS + ", was " + retentionDays);
        }
        if (purgePeriodSeconds < 1) {
            throw new IllegalArgumentException("PRESENCE_PURGE_PERIOD_SECONDS must be at least 1, was " + purgePeriodSeconds);
        }
        if (regionMb < 64) {
            throw new IllegalArgumentException("PRESENCE_DATA_REGION_MB must be at least 64, was " + regionMb);
        }
        if (liveRegionMb < 32) {
            throw new IllegalArgumentException("PRESENCE_LIVE_REGION_MB must be at least 32, was " + liveRegionMb);
        }
        if (discoveryAddresses == null || discoveryAddresses.isBlank()) {
            throw new IllegalArgumentException("PRESENCE_GRID_ADDRESSES must list at least one address, was blank");
        }
        writeQuorum = writeQuorum.trim().toLowerCase(Locale.ROOT);
        if (!WRITE_QUORUMS.contains(writeQuorum)) {
            throw new IllegalArgumentException("PRESENCE_WRITE_QUORUM must be none or majority, was " + writeQuorum);
        }
        if (connectionRecoveryMillis < 100) {
            throw new IllegalArgumentException("PRESENCE_CONNECTION_RECOVERY_MILLIS must be at least 100, was " + connectionRecoveryMillis);
        }
        // The XML splits the list on commas; spaces around them would end up in host names.
        discoveryAddresses = discoveryAddresses.replaceAll("\\s", "");
        home = home.toAbsolutePath().normalize();
    }

    /** Settings of a node on loopback that finds the others through {@code ports}' discovery range. */
    public ServerNodeSettings(int nodeIndex, Path home, PortPlan ports, int ttlSeconds, String walMode, int regionMb,
                              int sweepSeconds, int retentionDays, long purgePeriodSeconds) {
        this(nodeIndex, home, NodePlacement.local(nodeIndex, ports), null, ttlSeconds, walMode, regionMb, sweepSeconds,
                retentionDays, purgePeriodSeconds, ports.discoveryAddresses(), "none", DEFAULT_CONNECTION_RECOVERY_MILLIS,
                SMALL_LIVE_REGION_MB);
    }

    /** Settings with the default retention (90 days, purged daily): what most test grids want. */
    public ServerNodeSettings(int nodeIndex, Path home, PortPlan ports, int ttlSeconds, String walMode, int regionMb,
                              int sweepSeconds) {
        this(nodeIndex, home, ports, ttlSeconds, walMode, regionMb, sweepSeconds,
                DEFAULT_RETENTION_DAYS, DEFAULT_PURGE_PERIOD_SECONDS);
    }

    /** Settings of node {@code nodeIndex}, from PRESENCE_* environment variables; unset, the local cluster's. */
    public static ServerNodeSettings fromEnvironment(int nodeIndex, Map<String, String> env) {
        return new ServerNodeSettings(nodeIndex,
                Path.of(env.getOrDefault("PRESENCE_HOME", "var")),
                NodePlacement.ofGridNode(nodeIndex, PortPlan.LOCAL, env),
                env.get(CONSISTENT_ID),
                integer(env, "PRESENCE_TTL_SECONDS", 60),
                env.getOrDefault("PRESENCE_WAL_MODE", "LOG_ONLY"),
                integer(env, "PRESENCE_DATA_REGION_MB", 256),
                integer(env, "PRESENCE_SWEEP_SECONDS", 10),
                integer(env, "PRESENCE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS),
                integer(env, "PRESENCE_PURGE_PERIOD_SECONDS", (int) DEFAULT_PURGE_PERIOD_SECONDS),
                text(env, "PRESENCE_GRID_ADDRESSES", PortPlan.LOCAL.discoveryAddresses()),
                text(env, "PRESENCE_WRITE_QUORUM", "none"),
                integer(env, "PRESENCE_CONNECTION_RECOVERY_MILLIS", (int) DEFAULT_CONNECTION_RECOVERY_MILLIS),
                integer(env, "PRESENCE_LIVE_REGION_MB", DEFAULT_LIVE_REGION_MB));
    }

    public String nodeName() {
        return "node-" + nodeIndex;
    }

    public Path workDirectory() {
        return home.resolve(nodeName());
    }

    public Path logFile() {
        return home.resolve("logs").resolve(nodeName() + ".log");
    }

    public Map<String, Object> placeholders() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("presence.node.name", nodeName());
        values.put("presence.node.consistentId", consistentId());
        values.put("presence.node.workDirectory", workDirectory().toString());
        values.put("presence.discovery.port", placement.discoveryPort());
        values.put("presence.node.host", placement.bindHost());
        values.put("presence.discovery.addresses", discoveryAddresses);
        values.put("presence.write.majority", writeQuorum.equals("majority"));
        values.put("presence.discovery.recovery.millis", connectionRecoveryMillis);
        values.put("presence.communication.port", placement.communicationPort());
        values.put("presence.client.port", placement.clientPort());
        values.put("presence.ttl.seconds", ttlSeconds);
        values.put("presence.wal.mode", walMode);
        values.put("presence.region.bytes", regionMb * 1024L * 1024L);
        values.put("presence.live.region.bytes", liveRegionMb * 1024L * 1024L);
        return values;
    }
}
