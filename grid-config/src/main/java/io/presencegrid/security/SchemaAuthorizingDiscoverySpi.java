package io.presencegrid.security;

import io.presencegrid.topology.MinorityHalt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.spi.discovery.tcp.internal.TcpDiscoveryNode;
import org.apache.ignite.IgniteException;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.managers.discovery.CustomMessageWrapper;
import org.apache.ignite.internal.processors.query.schema.SchemaOperationException;
import org.apache.ignite.internal.processors.query.schema.message.SchemaProposeDiscoveryMessage;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.spi.discovery.DiscoverySpiCustomMessage;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.FailureType;
import org.apache.ignite.spi.discovery.DiscoverySpiListener;

/**
 * Discovery of a server node that asks the security processor before it proposes a change of a table's
 * SQL schema: {@code CREATE INDEX}, {@code DROP INDEX}, {@code ALTER TABLE ... ADD/DROP COLUMN}.
 *
 * <p>Why: Ignite 2.17 authorizes {@code CREATE TABLE} ({@code CACHE_CREATE}) and {@code DROP TABLE}, but
 * runs these four for any caller, by design (its own JdbcAuthorizationTest runs {@code CREATE INDEX} as a
 * user with no permissions). So an analyst could drop a column out of SQL's sight or load a node with
 * indexes. Every one of them, from JDBC, a thin client or REST, leaves the node that parsed it as a
 * schema proposal sent through this method, in the caller's thread and security context; asking there
 * covers all entry points at the one place they meet. The permission asked is the one {@code CREATE
 * TABLE} needs on the table's cache, since changing a table's shape is part of making it.
 *
 * <p>On a server node it also puts {@link MinorityHalt} in front of Ignite's discovery listener.
 */
public class SchemaAuthorizingDiscoverySpi extends TcpDiscoverySpi {

    /** Short: it runs in discovery's own thread, and a refusal comes back within a round trip. */
    private static final int PROBE_TIMEOUT_MILLIS = 500;

    /**
     * A server node also halts when a failure leaves it in a minority of the baseline
     * ({@link MinorityHalt}): discovery is the one place that sees the failure before the rest of Ignite.
     */
    @Override
    public void setListener(DiscoverySpiListener listener) {
        super.setListener(listener == null || isClientMode() ? listener
                : new MinorityHalt(listener, () -> ignite.cluster().currentBaselineTopology(), this::refusesConnections, this::halt));
    }

    /** Whether every discovery address of {@code node} refuses a connection at once: its process is gone. */
    private boolean refusesConnections(ClusterNode node) {
        if (!(node instanceof TcpDiscoveryNode discovered) || discovered.socketAddresses().isEmpty()) {
            return false;
        }
        for (InetSocketAddress address : discovered.socketAddresses()) {
            try (Socket probe = new Socket()) {
                probe.connect(address, PROBE_TIMEOUT_MILLIS);
                return false;
            } catch (ConnectException refused) {
                // The host answered, nobody listens: try the node's other addresses.
            } catch (IOException silentOrUnreachable) {
                return false;
            }
        }
        return true;
    }

    /** As Ignite's failure handler stops a segmented node: this node's copies must not serve alone. */
    private void halt(String reason) {
        log.error(reason + ". Segmenting local node");
        ((IgniteEx) ignite).context().failure().process(new FailureContext(FailureType.SEGMENTATION, new IgniteException(reason)));
        // A failure handler configured not to stop the node must not let it go on in a minority either.
        Runtime.getRuntime().halt(1);
    }

    @Override
    public void sendCustomEvent(DiscoverySpiCustomMessage message) throws IgniteException {
        if (message instanceof CustomMessageWrapper wrapper
                && wrapper.delegate() instanceof SchemaProposeDiscoveryMessage proposal) {
            try {
                ((IgniteEx) ignite).context().security()
                        .authorize(proposal.operation().cacheName(), SecurityPermission.CACHE_CREATE);
            } catch (SecurityException refused) {
                // Ignite hands a schema exception to the SQL caller as it is, with its message; any other
                // exception reaches the caller as "unexpected exception" and the reason is lost. It is
                // checked, and this method may throw unchecked ones only, hence the detour.
                throw uncheckedly(new SchemaOperationException(refused.getMessage()));
            }
        }
        super.sendCustomEvent(message);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException uncheckedly(Throwable exception) throws T {
        throw (T) exception;
    }
}
