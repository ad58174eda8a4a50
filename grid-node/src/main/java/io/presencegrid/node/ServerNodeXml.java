package io.presencegrid.node;

import io.presencegrid.topology.ServerNodeSettings;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Loads grid-config's server XML ({@code presence-grid/server-node.xml}) into an
 * {@link IgniteConfiguration} for one node. The node's settings go in as a property source of their own
 * rather than JVM-wide system properties, so several nodes can be configured in one JVM (tests).
 */
public final class ServerNodeXml {

    public static final String LOCATION = "presence-grid/server-node.xml";

    private ServerNodeXml() {
    }

    public static IgniteConfiguration load(ServerNodeSettings settings) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("presence-node", settings.placeholders()));
            new XmlBeanDefinitionReader(context).loadBeanDefinitions(new ClassPathResource(LOCATION));
            context.refresh();
            IgniteConfiguration configuration = context.getBean(IgniteConfiguration.class);
            // In Java rather than the XML: a node reached where it binds has no resolver at all.
            settings.placement().addressResolver().ifPresent(configuration::setAddressResolver);
            return configuration;
        }
    }
}
