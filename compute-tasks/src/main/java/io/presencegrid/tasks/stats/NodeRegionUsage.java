package io.presencegrid.tasks.stats;

/**
 * The presence data region of one server node, as {@link RegionUsageTask} read it, in bytes. A plain
 * class with getters: it crosses the wire through Ignite's binary marshaller, which cannot build records
 * on Java 17.
 */
public final class NodeRegionUsage {

    private final String consistentId;
    private final String region;
    private final long usedBytes;
    private final long allocatedBytes;
    private final long inMemoryBytes;
    private final long walWrittenBytes;
    private final long liveUsedBytes;

    public NodeRegionUsage(String consistentId, String region, long usedBytes, long allocatedBytes, long inMemoryBytes,
                           long walWrittenBytes, long liveUsedBytes) {
        this.consistentId = consistentId;
        this.region = region;
        this.usedBytes = usedBytes;
        this.allocatedBytes = allocatedBytes;
        this.inMemoryBytes = inMemoryBytes;
        this.walWrittenBytes = walWrittenBytes;
        this.liveUsedBytes = liveUsedBytes;
    }

    public String getConsistentId() {
        return consistentId;
    }

    public String getRegion() {
        return region;
    }

    /**
     * Pages in use (allocated minus the empty pages waiting for reuse) times the page size in memory,
     * which with persistence is the 4 KB page plus Ignite's per-page header.
     */
    public long getUsedBytes() {
        return usedBytes;
    }

    /** Pages ever allocated times the page size: never shrinks when entries are removed. */
    public long getAllocatedBytes() {
        return allocatedBytes;
    }

    /** Pages loaded in RAM right now; 0 unless the region has metrics enabled (the server XML enables them). */
    public long getInMemoryBytes() {
        return inMemoryBytes;
    }

    /**
     * Bytes this node has written to its write-ahead log since it started (all caches, every record
     * kind): the difference between two readings, divided by the writes in between, is the disk a
     * write costs before checkpoints. -1 when the node's storage metrics are off.
     */
    public long getWalWrittenBytes() {
        return walWrittenBytes;
    }

    /** Used bytes of the in-memory live region (sessions, socket interest), counted like {@link #getUsedBytes()}. */
    public long getLiveUsedBytes() {
        return liveUsedBytes;
    }

    @Override
    public String toString() {
        return consistentId + "[" + region + ": used " + usedBytes + " B, allocated " + allocatedBytes + " B, in RAM "
                + inMemoryBytes + " B, WAL written " + walWrittenBytes + " B; live region used " + liveUsedBytes + " B]";
    }
}
