package io.presencegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.ConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridTlsTest {

    @TempDir
    Path directory;

    @Test
    void offMeansNoTls() {
        assertThat(GridTls.fromEnvironment(Map.of("PRESENCE_GRID_TLS", "off"))).isEmpty();
        assertThat(GridTls.fromEnvironment(Map.of("PRESENCE_GRID_TLS", "OFF", "PRESENCE_GRID_TLS_KEY_STORE", "ignored"))).isEmpty();
    }

    @Test
    void onIsTheDefaultAndNamesWhatIsMissing() {
        assertThatThrownBy(() -> GridTls.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRESENCE_GRID_TLS_TRUST_STORE");
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> GridTls.fromEnvironment(Map.of("PRESENCE_GRID_TLS", "maybe")))
                .hasMessageContaining("PRESENCE_GRID_TLS must be on or off");
    }

    @Test
    void thePasswordComesFromItsFileAndIsNeverPrinted() throws IOException {
        Path trust = Files.writeString(directory.resolve("trust.p12"), "x");
        Path password = Files.writeString(directory.resolve("password"), "s3cret-store-password\n");

        GridTls tls = GridTls.fromEnvironment(Map.of(
                "PRESENCE_GRID_TLS_TRUST_STORE", trust.toString(),
                "PRESENCE_GRID_TLS_STORE_PASSWORD_FILE", password.toString())).orElseThrow();

        assertThat(tls.storePassword()).isEqualTo("s3cret-store-password");
        assertThat(tls.keyStore()).isNull();
        assertThat(tls.toString()).doesNotContain("s3cret");
    }

    @Test
    void aStoreThatCannotBeReadIsNamed() {
        assertThatThrownBy(() -> GridTls.of("on", null, directory.resolve("absent.p12").toString(), "pw"))
                .hasMessageContaining("PRESENCE_GRID_TLS_TRUST_STORE: cannot read");
    }

    @Test
    void aNodeNeedsAKeyStoreAToolDoesNot() throws IOException {
        Path trust = Files.writeString(directory.resolve("trust.p12"), "x");
        GridTls toolOnly = new GridTls(null, trust, "pw");

        assertThatThrownBy(() -> toolOnly.secureServer(new IgniteConfiguration()))
                .hasMessageContaining("PRESENCE_GRID_TLS_KEY_STORE");
        assertThat(toolOnly.jdbcProperties().getProperty("ignite.jdbc.sslMode")).isEqualTo("require");
    }

    @Test
    void aServerGetsTlsOnEveryPort() throws IOException {
        Path store = Files.writeString(directory.resolve("node.p12"), "x");
        IgniteConfiguration configuration = new IgniteConfiguration()
                .setClientConnectorConfiguration(new ClientConnectorConfiguration())
                .setConnectorConfiguration(new ConnectorConfiguration());

        new GridTls(store, store, "pw").secureServer(configuration);

        assertThat(configuration.getSslContextFactory()).isNotNull();
        assertThat(configuration.getClientConnectorConfiguration().isSslEnabled()).isTrue();
        assertThat(configuration.getClientConnectorConfiguration().isSslClientAuth()).isFalse();
        assertThat(configuration.getConnectorConfiguration().isSslEnabled()).isTrue();
        assertThat(configuration.getConnectorConfiguration().isSslClientAuth()).isTrue();
        assertThat(configuration.getConnectorConfiguration().getJettyPath()).isEqualTo(GridTls.REST_HTTPS_XML);
    }
}
