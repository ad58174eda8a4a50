package io.presencegrid.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The presence API node: HTTP and WebSocket in front, an Ignite client node behind. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PresenceApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(PresenceApiApplication.class, args);
    }
}
