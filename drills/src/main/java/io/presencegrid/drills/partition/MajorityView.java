package io.presencegrid.drills.partition;

import io.presencegrid.schema.CacheNames;
import io.presencegrid.schema.UserPresence;
import java.util.List;
import java.util.Map;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;

/**
 * What the majority side of the grid says, asked through a thin client connected to its nodes only:
 * the server count, partition copies still in transit, and the presence rows as they are now.
 */
final class MajorityView {

    private final IgniteClient client;

    MajorityView(IgniteClient client) {
        this.client = client;
    }

    /** Server nodes in the topology of the node this client talks to; -1 when it does not answer. */
    int servers() {
        try {
            return client.cluster().forServers().nodes().size();
        } catch (RuntimeException noAnswer) {
            return -1;
        }
    }

    /** Partition copies MOVING, RENTING or LOST on any server (SYS.PARTITION_STATES); -1 when SQL fails. */
    long copiesNotOwning() {
        try {
            List<List<?>> rows = client.query(new SqlFieldsQuery(
                    "SELECT COUNT(*) FROM SYS.PARTITION_STATES WHERE STATE IN ('MOVING', 'RENTING', 'LOST')")).getAll();
            return ((Number) rows.get(0).get(0)).longValue();
        } catch (RuntimeException noAnswer) {
            return -1;
        }
    }

    /**
     * Users whose row is missing or older than the highest version they had acknowledged: writes
     * the grid confirmed and then lost.
     */
    List<String> lost(Map<String, Long> acknowledged) {
        ClientCache<String, UserPresence> presence = client.cache(CacheNames.PRESENCE);
        Map<String, UserPresence> stored = presence.getAll(acknowledged.keySet());
        return acknowledged.entrySet().stream()
                .filter(entry -> {
                    UserPresence row = stored.get(entry.getKey());
                    return row == null || row.version() < entry.getValue();
                })
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
