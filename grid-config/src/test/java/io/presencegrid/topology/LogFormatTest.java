package io.presencegrid.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void textUnlessJsonIsAskedFor() {
        assertThat(LogFormat.fromEnvironment(Map.of())).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(Map.of("PRESENCE_LOG_FORMAT", " "))).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(Map.of("PRESENCE_LOG_FORMAT", "text"))).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(Map.of("PRESENCE_LOG_FORMAT", "JSON "))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void anotherFormatIsRefusedByName() {
        assertThatThrownBy(() -> LogFormat.fromEnvironment(Map.of("PRESENCE_LOG_FORMAT", "logfmt")))
                .hasMessageContaining("PRESENCE_LOG_FORMAT").hasMessageContaining("logfmt");
    }
}
