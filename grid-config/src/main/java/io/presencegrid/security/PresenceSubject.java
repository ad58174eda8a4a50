package io.presencegrid.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;

/**
 * Who an operation runs for, and the role that decides what it may do. Ignite carries it between nodes
 * (node subjects inside node attributes, so it is serializable) and asks each node to authorize by it.
 *
 * <p>An account's subject id is derived from its login, the same on every node: when a thin client's
 * operation continues on another node, that node rebuilds the caller's context from the id alone
 * ({@link #ofAccount(UUID)}), without any session state shared between nodes.
 */
record PresenceSubject(UUID id, SecuritySubjectType type, String login, InetSocketAddress address, GridRole role)
        implements SecuritySubject, SecurityContext {

    private static final long serialVersionUID = 1L;

    /**
     * Computed once: Ignite asks the plugin for a context by subject id on every message a node handles
     * for another, and each of these is an MD5 of the login.
     */
    private static final UUID OPERATOR_ID = accountId(GridUsers.OPERATOR);
    private static final UUID ANALYST_ID = accountId(GridUsers.ANALYST);

    static PresenceSubject node(UUID nodeId, InetSocketAddress address) {
        return new PresenceSubject(nodeId, SecuritySubjectType.REMOTE_NODE, "node " + nodeId, address, GridRole.NODE);
    }

    static PresenceSubject notYetKnown(UUID id) {
        return new PresenceSubject(id, SecuritySubjectType.REMOTE_NODE, "subject " + id + " not yet known here", null,
                GridRole.NOT_YET_KNOWN);
    }

    static PresenceSubject account(String login, GridRole role, InetSocketAddress address) {
        return new PresenceSubject(accountId(login), SecuritySubjectType.REMOTE_CLIENT, login, address, role);
    }

    /** The subject of an account's id, on any node; null when the id is not an account's. */
    static PresenceSubject ofAccount(UUID id) {
        if (OPERATOR_ID.equals(id)) {
            return account(GridUsers.OPERATOR, GridRole.OPERATOR, null);
        }
        if (ANALYST_ID.equals(id)) {
            return account(GridUsers.ANALYST, GridRole.ANALYST, null);
        }
        return null;
    }

    static UUID accountId(String login) {
        return UUID.nameUUIDFromBytes(("presence-grid account " + login).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SecuritySubject subject() {
        return this;
    }
}
