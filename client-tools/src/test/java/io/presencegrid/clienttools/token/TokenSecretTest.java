package io.presencegrid.clienttools.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSecretTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

    @TempDir
    Path home;

    @Test
    void theVariableWinsOverAnyFile() throws IOException {
        Path file = Files.writeString(home.resolve("named"), "from-the-file-0123456789abcdef0123456789");

        assertThat(TokenSecret.from(Map.of("PRESENCE_JWT_SECRET", SECRET, "PRESENCE_JWT_SECRET_FILE", file.toString())))
                .isEqualTo(SECRET);
    }

    @Test
    void theNamedFileIsReadWithoutItsLineEnding() throws IOException {
        Path file = Files.writeString(home.resolve("named"), SECRET + "\r\n");

        assertThat(TokenSecret.from(Map.of("PRESENCE_JWT_SECRET", "", "PRESENCE_JWT_SECRET_FILE", file.toString())))
                .isEqualTo(SECRET);
    }

    @Test
    void withoutEitherTheHomesSecretIsRead() throws IOException {
        Files.createDirectories(home.resolve("secrets"));
        Files.writeString(home.resolve("secrets/jwt-secret"), SECRET + "\n");

        assertThat(TokenSecret.from(Map.of("PRESENCE_HOME", home.toString()))).isEqualTo(SECRET);
    }

    @Test
    void aMissingFileIsNamedAndNothingIsGenerated() {
        assertThatThrownBy(() -> TokenSecret.from(Map.of("PRESENCE_HOME", home.toString())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("secrets/jwt-secret");
        assertThat(home.resolve("secrets")).doesNotExist();
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> TokenSecret.from(Map.of("PRESENCE_JWT_SECRET", "short")))
                .hasMessage("the JWT secret must be at least 32 bytes (it has 5)");
    }
}
