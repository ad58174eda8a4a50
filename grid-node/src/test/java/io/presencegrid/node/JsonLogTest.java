package io.presencegrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a grid node started with PRESENCE_LOG_FORMAT=json writes: a JSON object per line on stdout. */
class JsonLogTest {

    @Test
    void everyLineIsOneJsonObjectWithLevelLoggerMessageAndTheStackTrace() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        // A context of its own, as a node's JVM would have: the test JVM's logging stays as it is.
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(JsonLogTest.class.getResource("/logback-json.xml"));
            Logger ignite = context.getLogger("org.apache.ignite.internal.IgniteKernal");
            ignite.info("Topology snapshot [ver=3, servers=3]\nsecond line \"quoted\"");
            ignite.debug("below the level: not written");
            ignite.error("Failed to checkpoint", new IllegalStateException("disk full"));
        } finally {
            System.setOut(stdout);
            context.stop();
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode info = json.readTree(lines.get(0));
        JsonNode error = json.readTree(lines.get(1));
        assertThat(info.path("level").asText()).isEqualTo("INFO");
        assertThat(info.path("loggerName").asText()).isEqualTo("org.apache.ignite.internal.IgniteKernal");
        assertThat(info.path("message").asText()).isEqualTo("Topology snapshot [ver=3, servers=3]\nsecond line \"quoted\"");
        assertThat(info.path("timestamp").asLong()).isPositive();
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("throwable").path("className").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.path("throwable").path("message").asText()).isEqualTo("disk full");
    }
}
