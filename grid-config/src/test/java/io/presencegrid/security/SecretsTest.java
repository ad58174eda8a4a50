package io.presencegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path directory;

    @Test
    void theValueOrTheFileWithoutItsLineEnding() throws IOException {
        Path file = Files.writeString(directory.resolve("secret"), "from-file\r\n");

        assertThat(Secrets.valueOrFile(Map.of("S", "direct"), "S")).contains("direct");
        assertThat(Secrets.valueOrFile(Map.of("S_FILE", file.toString()), "S")).contains("from-file");
        assertThat(Secrets.valueOrFile(Map.of(), "S")).isEmpty();
    }

    @Test
    void bothOrAnUnreadableOrEmptyFileAreRefusedByName() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty"), "\n");

        assertThatThrownBy(() -> Secrets.valueOrFile(Map.of("S", "a", "S_FILE", empty.toString()), "S"))
                .hasMessageContaining("set S or S_FILE, not both");
        assertThatThrownBy(() -> Secrets.valueOrFile(Map.of("S_FILE", empty.toString()), "S"))
                .hasMessageContaining("S_FILE").hasMessageContaining("is empty");
        assertThatThrownBy(() -> Secrets.valueOrFile(Map.of("S_FILE", directory.resolve("absent").toString()), "S"))
                .hasMessageContaining("S_FILE: cannot read");
    }
}
