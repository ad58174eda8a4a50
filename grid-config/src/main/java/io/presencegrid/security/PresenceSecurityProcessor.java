package io.presencegrid.security;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.internal.GridKernalContext;
import org.apache.ignite.internal.processors.GridProcessorAdapter;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.AuthenticationContext;
import org.apache.ignite.plugin.security.SecurityCredentials;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.plugin.security.SecuritySubject;

/**
 * Authentication and authorization of the grid, as Ignite's security plugin interface asks for them.
 *
 * <ul>
 *   <li>Nodes: admitted by mutual TLS (a certificate of the cluster's CA) before they get here, so every
 *       joining node gets {@link GridRole#NODE}. Without TLS anyone who reaches discovery would be
 *       admitted too, which docs/security.md says.</li>
 *   <li>Thin clients, JDBC, Ignite REST, the control utility: a login and password of {@link GridUsers};
 *       anything else is refused (null).</li>
 *   <li>Every operation: allowed when the caller's role allows its permission.</li>
 * </ul>
 */
final class PresenceSecurityProcessor extends GridProcessorAdapter implements GridSecurityProcessor {

    /** Enough to say each new one once in a log without growing with every node that ever joined. */
    private static final int SUBJECTS_NOT_YET_KNOWN_REMEMBERED = 1_000;

    private final GridUsers users;
    /** Said once each: a burst of messages for one joining node would otherwise fill the log. */
    private final Set<UUID> subjectsNotYetKnown = ConcurrentHashMap.newKeySet();

    PresenceSecurityProcessor(GridKernalContext context, GridUsers users) {
        super(context);
        this.users = users;
    }

    /**
     * A node joins with credentials, which Ignite expects to find; they carry no secret here: the node's
     * certificate already proved it belongs (see the class comment).
     */
    @Override
    public void start() throws IgniteCheckedException {
        super.start();
        ctx.addNodeAttribute(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS, new SecurityCredentials("presence-grid node", null));
    }

    @Override
    public SecurityContext authenticateNode(ClusterNode node, SecurityCredentials credentials) {
        InetSocketAddress address = node.addresses().isEmpty() ? null : new InetSocketAddress(node.addresses().iterator().next(), 0);
        return PresenceSubject.node(node.id(), address);
    }

    /** Only the coordinator authenticates a joining node; the others take its word. */
    @Override
    public boolean isGlobalNodeAuthentication() {
        return false;
    }

    @Override
    public SecurityContext authenticate(AuthenticationContext context) {
        SecurityCredentials credentials = context.credentials();
        if (credentials == null || !(credentials.getLogin() instanceof String login)
                || !(credentials.getPassword() instanceof String password)) {
            return null;
        }
        return users.authenticate(login, password)
                .map(role -> PresenceSubject.account(login, role, context.address()))
                .orElse(null);
    }

    @Override
    public Collection<SecuritySubject> authenticatedSubjects() {
        return List.of();
    }

    @Override
    public SecuritySubject authenticatedSubject(UUID subjectId) {
        return PresenceSubject.ofAccount(subjectId);
    }

    /**
     * The context a message from another node runs in, by the id of the subject it was sent for.
     *
     * <ul>
     *   <li>An account's (a thin client's operation that continues here): rebuilt from the id.</li>
     *   <li>A node this node knows, itself included: null, and Ignite takes the context from the node's
     *       attributes. Ignite asks here first, so answering for known nodes would hide their real role.</li>
     *   <li>Anything else: a subject allowed nothing. That is a node whose join discovery has not brought
     *       here yet; only nodes reach this port (mutual TLS). Ignite 2.17 drops a message it has no
     *       context for, and a dropped continuous-query batch left an API node's feed waiting behind the
     *       gap for ever while its sockets stayed open (docs/reliability.md, hosts). GridGain's fork of Ignite
     *       answers the same race with a deny-all subject; so does this.</li>
     * </ul>
     */
    @Override
    public SecurityContext securityContext(UUID subjectId) {
        PresenceSubject account = PresenceSubject.ofAccount(subjectId);
        if (account != null) {
            return account;
        }
        if (subjectId.equals(ctx.localNodeId()) || ctx.discovery().node(subjectId) != null
                || ctx.discovery().historicalNode(subjectId) != null) {
            return null;
        }
        if (subjectsNotYetKnown.add(subjectId)) {
            if (subjectsNotYetKnown.size() > SUBJECTS_NOT_YET_KNOWN_REMEMBERED) {
                subjectsNotYetKnown.clear();
            }
            log.info("Subject not yet known here, its messages run allowed nothing until discovery names it [subject="
                    + subjectId + ']');
        }
        return PresenceSubject.notYetKnown(subjectId);
    }

    @Override
    public void authorize(String name, SecurityPermission permission, SecurityContext context) throws SecurityException {
        if (!(context instanceof PresenceSubject subject) || !subject.role().allows(permission)) {
            String who = context == null ? "nobody" : String.valueOf(context.subject().login());
            throw new SecurityException("not allowed: " + permission + (name == null ? "" : " on " + name) + " for " + who);
        }
    }

    @Override
    public void onSessionExpired(UUID subjectId) {
        // Sessions hold nothing here: an account's context is rebuilt from its id.
    }

    @Override
    public boolean enabled() {
        return true;
    }
}
