package io.presencegrid.api;

import io.presencegrid.topology.LogFormat;
import org.apache.ignite.IgniteSystemProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The presence API node: HTTP and WebSocket in front, an Ignite client node behind. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PresenceApiApplication {

    public static void main(String[] args) {
        if (LogFormat.fromEnvironment(System.getenv()) == LogFormat.JSON) {
            // Spring Boot's structured logging, in the Elastic Common Schema: one JSON object a line on stdout.
            System.setProperty("logging.structured.format.console", "ecs");
        }
        // On SIGTERM the grid client must stop last, once the sockets have closed and handed their device
        // sessions over to the disconnect grace: Spring's own shutdown closes its beans in that order.
        // Ignite's shutdown hook would stop the client at the same moment, on a thread of its own, so the
        // releases failed and the servers cut every session of the departed node at once: each user
        // flapped offline even when their client reopened its socket on another API node in time.
        System.setProperty(IgniteSystemProperties.IGNITE_NO_SHUTDOWN_HOOK, "true");
        SpringApplication.run(PresenceApiApplication.class, args);
    }
}
