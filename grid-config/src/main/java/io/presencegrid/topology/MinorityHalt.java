package io.presencegrid.topology;

import io.presencegrid.schema.BaselineQuorum;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.spi.discovery.DiscoveryNotification;
import org.apache.ignite.spi.discovery.DiscoverySpiListener;

/**
 * Stands between a server node's discovery and the rest of Ignite: when a node failure leaves this node
 * with no majority of the baseline's server nodes, it halts this node before Ignite learns of the
 * failure. A node cut off from the others by the network then stops instead of carrying on as a cluster
 * of its own, and since nothing in it has seen the others fail, no write of it completes without them.
 *
 * <p>Why not Ignite's own segmentation: TcpDiscoverySpi segments a node only when its connection recovery
 * time runs out while it still tries the others, and no setting of that time is both short enough for
 * the cut-off node (it declares the others failed about 1.6 s after its first failed send) and long
 * enough for the majority (the node before the cut-off one hands over to the next only after that next
 * one has checked the cut-off node, about 1.7 s, so at 1 s the majority segmented itself, all of it:
 * docs/reliability.md). With this guard the recovery time stays at Ignite's default and the majority
 * rides out the cut.
 *
 * <p>A node that outlives two crashed ones is told apart from a cut-off one by asking the failed node's
 * host: a process that died leaves its port refusing connections at once, while across a cut nothing
 * answers. So the survivor of two SIGKILLed nodes carries on; only a node whose failed peer does not
 * answer at all halts, which includes a peer whose whole machine went down, since that looks exactly
 * like a cut. Nodes that leave gracefully do not count: only failures do.
 */
public final class MinorityHalt implements DiscoverySpiListener {

    private final DiscoverySpiListener ignite;
    private final Supplier<Collection<BaselineNode>> baseline;
    private final Predicate<ClusterNode> refusesConnections;
    private final Consumer<String> halt;

    /**
     * @param ignite             Ignite's own listener, told of everything afterwards
     * @param baseline           the baseline's nodes now; {@code null} or empty before the first activation
     * @param refusesConnections whether a failed node's discovery port refuses connections: its process
     *                           is gone and its host answers, so it crashed rather than was cut off
     * @param halt               stops this node at once, given the reason
     */
    public MinorityHalt(DiscoverySpiListener ignite, Supplier<Collection<BaselineNode>> baseline,
                        Predicate<ClusterNode> refusesConnections, Consumer<String> halt) {
        this.ignite = ignite;
        this.baseline = baseline;
        this.refusesConnections = refusesConnections;
        this.halt = halt;
    }

    @Override
    public void onLocalNodeInitialized(ClusterNode localNode) {
        ignite.onLocalNodeInitialized(localNode);
    }

    @Override
    public IgniteFuture<?> onDiscovery(DiscoveryNotification notification) {
        if (notification.type() == EventType.EVT_NODE_FAILED && !notification.getNode().isClient()) {
            String minority = minority(notification.getNode(), notification.getTopSnapshot());
            if (minority != null) {
                halt.accept(minority);
            }
        }
        return ignite.onDiscovery(notification);
    }

    /** Why this node is in a minority once {@code failed} is gone, or {@code null} while it is not. */
    String minority(ClusterNode failed, Collection<ClusterNode> topology) {
        Collection<BaselineNode> nodes = baseline.get();
        if (nodes == null || nodes.isEmpty()) {
            return null;
        }
        Set<Object> present = topology.stream()
                .filter(node -> !node.isClient() && !node.id().equals(failed.id()))
                .map(ClusterNode::consistentId).collect(Collectors.toSet());
        long presentBaseline = nodes.stream().filter(node -> present.contains(node.consistentId())).count();
        if (BaselineQuorum.hasMajority(presentBaseline, nodes.size()) || refusesConnections.test(failed)) {
            return null;
        }
        return "Local node is in a minority of the baseline after node " + failed.consistentId() + " failed ("
                + presentBaseline + " of " + nodes.size() + " baseline nodes left) and its host does not answer:"
                + " halting, as a node cut off from the others must not serve alone";
    }
}
