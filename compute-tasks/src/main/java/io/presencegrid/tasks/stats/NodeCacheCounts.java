package io.presencegrid.tasks.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Primary entries per cache on one server node, as {@link GridStatsTask} found them. A plain class with
 * getters: it crosses the wire through Ignite's binary marshaller (which cannot build records on Java 17)
 * and leaves through Ignite REST's JSON mapper (which reads getters).
 */
public final class NodeCacheCounts {

    private final String consistentId;
    private final LinkedHashMap<String, Long> primaryEntries;

    public NodeCacheCounts(String consistentId, Map<String, Long> primaryEntries) {
        this.consistentId = consistentId;
        this.primaryEntries = new LinkedHashMap<>(primaryEntries);
    }

    public String getConsistentId() {
        return consistentId;
    }

    /** Cache name to the number of entries this node holds as primary; empty while the cluster is inactive. */
    public Map<String, Long> getPrimaryEntries() {
        return primaryEntries;
    }
}
