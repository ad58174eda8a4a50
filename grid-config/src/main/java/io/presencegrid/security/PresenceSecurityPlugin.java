package io.presencegrid.security;

import java.io.Serializable;
import java.util.UUID;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.plugin.CachePluginContext;
import org.apache.ignite.plugin.CachePluginProvider;
import org.apache.ignite.plugin.ExtensionRegistry;
import org.apache.ignite.plugin.IgnitePlugin;
import org.apache.ignite.plugin.PluginConfiguration;
import org.apache.ignite.plugin.PluginContext;
import org.apache.ignite.plugin.PluginProvider;

/**
 * Roles for Ignite 2.17, whose built-in authentication has users but no roles: the plugin supplies the
 * grid's security processor ({@link PresenceSecurityProcessor}), so Ignite asks it who may log in and
 * what each caller may do. Every node of a grid must carry it (Ignite refuses a node whose security
 * processor differs); server nodes are given the accounts, client nodes none.
 */
public final class PresenceSecurityPlugin implements PluginProvider<PluginConfiguration> {

    private final GridUsers users;

    public PresenceSecurityPlugin(GridUsers users) {
        this.users = users;
    }

    @Override
    public String name() {
        return "presence-grid-security";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String copyright() {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IgnitePlugin> T plugin() {
        return (T) new IgnitePlugin() {
        };
    }

    @Override
    public void initExtensions(PluginContext context, ExtensionRegistry registry) {
        // Nothing to register: the security processor is a component, created below.
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T createComponent(PluginContext context, Class<T> type) {
        if (type.isAssignableFrom(GridSecurityProcessor.class)) {
            return (T) new PresenceSecurityProcessor(((IgniteEx) context.grid()).context(), users);
        }
        return null;
    }

    @Override
    public CachePluginProvider createCacheProvider(CachePluginContext context) {
        return null;
    }

    @Override
    public void start(PluginContext context) {
    }

    @Override
    public void stop(boolean cancel) {
    }

    @Override
    public void onIgniteStart() {
    }

    @Override
    public void onIgniteStop(boolean cancel) {
    }

    @Override
    public Serializable provideDiscoveryData(UUID nodeId) {
        return null;
    }

    @Override
    public void receiveDiscoveryData(UUID nodeId, Serializable data) {
    }

    @Override
    public void validateNewNode(ClusterNode node) {
    }
}
