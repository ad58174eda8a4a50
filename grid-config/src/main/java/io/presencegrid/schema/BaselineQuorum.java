package io.presencegrid.schema;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.TopologyValidator;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Refuses writes to a cache unless more than half of the baseline's server nodes are in the
 * topology: the guard against split brain. Evaluated by Ignite on every server node at each
 * topology change (partition map exchange); while it says no, updates and transaction commits on
 * the cache fail and reads go on.
 *
 * <p>Why it is needed: with TcpDiscoverySpi, a server cut off from the other two of three does not
 * always segment itself (the partition drill saw Ignite 2.17 declare both others failed and carry
 * on alone), and with two backups it holds a copy of every partition, so it would keep
 * acknowledging writes the majority never sees. Only the side holding a majority of the baseline
 * may write. The price: one node left of three (two crashed) serves reads only.
 */
public final class BaselineQuorum implements TopologyValidator {

    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;

    @Override
    public boolean validate(Collection<ClusterNode> nodes) {
        Collection<BaselineNode> baseline = ignite == null ? null : ignite.cluster().currentBaselineTopology();
        if (baseline == null || baseline.isEmpty()) {
            // Not activated yet: nothing to write to, and nothing to protect.
            return true;
        }
        Set<Object> present = nodes.stream().filter(node -> !node.isClient()).map(ClusterNode::consistentId)
                .collect(Collectors.toSet());
        return hasMajority(baseline.stream().filter(node -> present.contains(node.consistentId())).count(), baseline.size());
    }

    public static boolean hasMajority(long presentBaselineNodes, int baselineSize) {
        return presentBaselineNodes * 2 > baselineSize;
    }
}
