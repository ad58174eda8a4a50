package io.presencegrid.security;

import java.util.EnumSet;
import java.util.Set;
import org.apache.ignite.plugin.security.SecurityPermission;

/**
 * What a caller of the grid may do. Ignite 2.17's own authentication knows users but no roles; these
 * roles are what the security plugin ({@link PresenceSecurityPlugin}) enforces.
 */
public enum GridRole {

    /** Grid nodes and API nodes: mutual TLS admitted them, and they run the service itself. */
    NODE(EnumSet.allOf(SecurityPermission.class)),

    /** The operator account: the control utility, Ignite REST, maintenance through SQL. Everything. */
    OPERATOR(EnumSet.allOf(SecurityPermission.class)),

    /**
     * The analyst account: SQL and thin-client reads. No writes, no DDL, no tasks, no cluster changes:
     * presence rows are what the service keeps true, and an analyst's query must not change them.
     */
    ANALYST(EnumSet.of(SecurityPermission.CACHE_READ)),

    /**
     * A subject this node cannot name yet: a node that joined a moment ago, before discovery told this
     * node about it. Its messages are still handled (dropping one can leave a continuous query or a
     * partition exchange waiting for it for ever), but anything that asks for a permission is refused.
     */
    NOT_YET_KNOWN(EnumSet.noneOf(SecurityPermission.class));

    private final Set<SecurityPermission> permissions;

    GridRole(Set<SecurityPermission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(SecurityPermission permission) {
        return permissions.contains(permission);
    }
}
