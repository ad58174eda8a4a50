package io.presencegrid.tasks.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link GridStatsTask} reduces to: per-node primary counts and their totals per cache. */
public final class GridStats {

    private final ArrayList<NodeCacheCounts> nodes;

    public GridStats(List<NodeCacheCounts> nodes) {
        this.nodes = new ArrayList<>(nodes);
        this.nodes.sort((a, b) -> a.getConsistentId().compareTo(b.getConsistentId()));
    }

    public List<NodeCacheCounts> getNodes() {
        return nodes;
    }

    /** Entries per cache in the whole grid: each counted once, on its primary. */
    public Map<String, Long> getTotalEntries() {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (NodeCacheCounts node : nodes) {
            node.getPrimaryEntries().forEach((cache, count) -> totals.merge(cache, count, Long::sum));
        }
        return totals;
    }
}
