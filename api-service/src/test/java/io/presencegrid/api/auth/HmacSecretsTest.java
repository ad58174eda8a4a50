package io.presencegrid.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.clienttools.token.PresenceTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacSecretsTest {

    @TempDir
    Path dir;

    @Test
    void aSecretShorterThan32BytesStopsTheStart() {
        assertThatThrownBy(() -> HmacSecrets.from(AuthProperties.ofSecret("short-secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PRESENCE_JWT_SECRET").hasMessageContaining("12");
        assertThat(HmacSecrets.from(AuthProperties.ofSecret("x".repeat(32)))).singleElement()
                .extracting(SecretKey::getEncoded).satisfies(key -> assertThat(key).hasSize(32));
    }

    @Test
    void aSecretEverPublishedInTheRepositoryStopsTheStart() {
        assertThatThrownBy(() -> HmacSecrets.from(AuthProperties.ofSecret("presence-grid-dev-secret-change-me-0123456789")))
                .hasMessageContaining("published");
        assertThatThrownBy(() -> HmacSecrets.from(AuthProperties.ofSecret("presence-it-secret-0123456789abcdef-0123")))
                .hasMessageContaining("published");
    }

    @Test
    void noSecretMeansNoHs256AndTheOtherKeySourcesDecide() {
        assertThat(HmacSecrets.from(AuthProperties.ofSecret(null))).isEmpty();
        assertThat(HmacSecrets.from(AuthProperties.ofSecret(""))).isEmpty();
        assertThatThrownBy(() -> new TokenKeys(HmacSecrets.from(AuthProperties.ofSecret(null)), null, null))
                .hasMessageContaining("PRESENCE_JWT_SECRET").hasMessageContaining("PRESENCE_JWT_JWKS_URI");
    }

    @Test
    void aSecretComesFromAFileWithoutItsLineEnding() throws IOException {
        String secret = PresenceTokens.randomSecret();
        Path file = Files.writeString(dir.resolve("jwt-secret"), secret + "\r\n");

        SecretKey key = HmacSecrets.from(new AuthProperties(null, file.toString(), null, null, null, null, null, null, 0)).get(0);

        assertThat(new String(key.getEncoded(), StandardCharsets.UTF_8)).isEqualTo(secret);
    }

    @Test
    void valueAndFileTogetherOrAMissingFileStopTheStart() {
        Path missing = dir.resolve("absent");
        assertThatThrownBy(() -> HmacSecrets.from(new AuthProperties(PresenceTokens.randomSecret(), missing.toString(), null, null, null, null, null, null, 0)))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> HmacSecrets.from(new AuthProperties(null, missing.toString(), null, null, null, null, null, null, 0)))
                .hasMessageContaining("PRESENCE_JWT_SECRET_FILE").hasMessageContaining(missing.toString());
    }

    @Test
    void thePreviousSecretFollowsTheCurrentOneAndNeedsIt() {
        String current = PresenceTokens.randomSecret();
        String previous = PresenceTokens.randomSecret();

        assertThat(HmacSecrets.from(new AuthProperties(current, null, previous, null, null, null, null, null, 0)))
                .extracting(key -> new String(key.getEncoded(), StandardCharsets.UTF_8)).containsExactly(current, previous);
        assertThatThrownBy(() -> HmacSecrets.from(new AuthProperties(null, null, previous, null, null, null, null, null, 0)))
                .hasMessageContaining("PRESENCE_JWT_PREVIOUS_SECRET");
    }
}
