package io.presencegrid.api;

import io.presencegrid.topology.LogFormat;
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
        SpringApplication.run(PresenceApiApplication.class, args);
    }
}
