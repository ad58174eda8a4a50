package io.presencegrid.api.web;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.testing.GridTestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PRESENCE_API_TLS: HTTPS and WSS on the API's port, with a key pair made by the scripts' own local CA
 * (scripts/lib/tls.sh, run here as cluster.sh runs it) and clients that trust that CA.
 */
@ApiGridTest(name = "api-tls", sweepSeconds = 10)
class ApiTlsIT {

    private static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path HOME = Path.of("target/test-tls").toAbsolutePath();
    private static final Path TLS = HOME.resolve("tls");

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void tlsAndGrid(DynamicPropertyRegistry properties) throws Exception {
        makeKeyPairWithTheScripts();
        properties.add("server.ssl.enabled", () -> "true");
        properties.add("server.ssl.certificate", () -> TLS.resolve("api-0.crt").toString());
        properties.add("server.ssl.certificate-private-key", () -> TLS.resolve("api-0.key").toString());
    }

    @Test
    void theScriptsKeepTheKeysReadableByTheirOwnerOnly() throws IOException {
        assertThat(permissions(TLS)).isEqualTo("rwx------");
        for (String file : new String[] {"ca.key", "ca.crt", "api-0.key", "api-0.crt"}) {
            assertThat(permissions(TLS.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void aClientThatTrustsTheLocalCaUpdatesAndReadsOverHttps() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(trustingTheLocalCa()).build();
        String token = TOKENS.user("tls-alice");

        HttpResponse<String> update = trusting.send(HttpRequest.newBuilder(uri("https", "/v1/status/update"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"tls-alice\",\"status\":\"busy\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = trusting.send(HttpRequest.newBuilder(uri("https", "/v1/status/tls-alice"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"status\":\"busy\"");
    }

    @Test
    void aWebSocketOverTlsGetsItsSnapshot() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(trustingTheLocalCa()).build();
        CompletableFuture<String> firstFrame = new CompletableFuture<>();

        WebSocket socket = trusting.newWebSocketBuilder()
                .header("Authorization", "Bearer " + TOKENS.user("tls-bob"))
                .buildAsync(uri("wss", "/v1/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        firstFrame.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            assertThat(firstFrame.get(10, TimeUnit.SECONDS)).contains("\"type\":\"snapshot\"");
        } finally {
            socket.abort();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefusedAndPlainHttpGetsNoPresence() {
        HttpRequest health = HttpRequest.newBuilder(uri("https", "/actuator/health")).timeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        HttpRequest plain = HttpRequest.newBuilder(uri("http", "/v1/status/tls-alice"))
                .header("Authorization", "Bearer " + TOKENS.user("tls-alice")).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("plain HTTP on the TLS port").isEqualTo(400);
            assertThat(answer.body()).doesNotContain("tls-alice");
        } catch (IOException | InterruptedException refused) {
            // Closing the connection is as good a refusal as a 400.
        }
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    private static SSLContext trustingTheLocalCa() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream ca = Files.newInputStream(TLS.resolve("ca.crt"))) {
            trusted.setCertificateEntry("presence-grid-local-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** What scripts/cluster.sh does for API node 0 when PRESENCE_API_TLS is on and no files are given. */
    private static void makeKeyPairWithTheScripts() throws Exception {
        if (Files.exists(HOME)) {
            try (Stream<Path> files = Files.walk(HOME)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        ProcessBuilder script = new ProcessBuilder("bash", "-c",
                "source scripts/lib/common.sh && source scripts/lib/tls.sh && ensure_api_tls 0")
                .directory(REPO_ROOT.toFile()).redirectErrorStream(true);
        script.environment().put("PRESENCE_HOME", HOME.toString());
        script.environment().remove("PRESENCE_TLS_DIR");
        script.environment().remove("PRESENCE_API_TLS_CERT_FILE");
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
