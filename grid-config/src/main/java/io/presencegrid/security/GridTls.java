package io.presencegrid.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.ConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.ssl.SslContextFactory;

/**
 * TLS of the grid: what a node, an API node or a tool needs to talk to grid nodes over TLS, from the
 * PRESENCE_GRID_TLS* environment variables (the same names for every process).
 *
 * <p>Between nodes (discovery and communication) TLS is mutual: every node presents a certificate from
 * its key store and accepts only peers whose certificate chains to a CA in its trust store, so a process
 * without a certificate the cluster's CA signed cannot join. The thin-client/JDBC port is TLS with the
 * server's certificate only: its clients prove who they are with an account and need just the trust
 * store. Ignite REST, the operators' port, asks for both a certificate of the CA and an account.
 *
 * <p>On unless {@code PRESENCE_GRID_TLS=off}: a node that is not told where its stores are refuses to start
 * rather than falling back to plain text.
 *
 * @param keyStore      PKCS12 with this process's key and certificate chain; null for a tool that only connects
 * @param trustStore    PKCS12 with the CA certificate(s) a peer's chain must end in (two during a CA rotation)
 * @param storePassword the password of both stores
 */
public record GridTls(Path keyStore, Path trustStore, String storePassword) {

    public static final String MODE = "PRESENCE_GRID_TLS";
    public static final String KEY_STORE = "PRESENCE_GRID_TLS_KEY_STORE";
    public static final String TRUST_STORE = "PRESENCE_GRID_TLS_TRUST_STORE";
    public static final String STORE_PASSWORD = "PRESENCE_GRID_TLS_STORE_PASSWORD";

    /**
     * Jetty's configuration of Ignite REST over HTTPS. Ignite looks a relative Jetty path up under
     * META-INF/ on the classpath, where grid-config keeps it.
     */
    public static final String REST_HTTPS_XML = "presence-grid/rest-https.xml";

    private static final String STORE_TYPE = "PKCS12";
    /** The JDBC thin driver reads connection properties given as Properties under this prefix. */
    private static final String JDBC_PREFIX = "ignite.jdbc.";

    public GridTls {
        if (trustStore == null) {
            throw new IllegalArgumentException(TRUST_STORE + " must name the PKCS12 trust store (" + MODE + " is on)");
        }
        requireReadable(TRUST_STORE, trustStore);
        if (keyStore != null) {
            requireReadable(KEY_STORE, keyStore);
        }
        if (storePassword == null || storePassword.isEmpty()) {
            throw new IllegalArgumentException(STORE_PASSWORD + " or " + STORE_PASSWORD + "_FILE must give the stores' password ("
                    + MODE + " is on)");
        }
    }

    /** The grid TLS settings of this process, or empty when {@code PRESENCE_GRID_TLS=off}. */
    public static Optional<GridTls> fromEnvironment(Map<String, String> env) {
        return of(env.get(MODE), env.get(KEY_STORE), env.get(TRUST_STORE),
                Secrets.valueOrFile(env, STORE_PASSWORD).orElse(null));
    }

    /**
     * The same from values already looked up (Spring properties in the API).
     *
     * @param mode {@code on} (or blank: the default) or {@code off}
     */
    public static Optional<GridTls> of(String mode, String keyStore, String trustStore, String storePassword) {
        return OnByDefault.isOn(MODE, mode)
                ? Optional.of(new GridTls(path(keyStore), path(trustStore), storePassword))
                : Optional.empty();
    }

    /**
     * What Ignite REST's HTTPS connector uses, called from the Jetty XML of a grid node (Jetty builds its
     * connector itself; this keeps the store password out of system properties and node attributes).
     */
    public static SSLContext restSslContext() {
        return fromEnvironment(System.getenv())
                .orElseThrow(() -> new IllegalStateException("Ignite REST over HTTPS needs " + MODE + " on"))
                .requireKeyStore("Ignite REST")
                .sslContextFactory().create();
    }

    /**
     * The TLS context of a tool whose configuration is a Spring XML file (Ignite's control utility, with
     * scripts/lib/grid-tls-factory.xml), from this process's environment.
     */
    public static SslContextFactory toolSslContextFactory() {
        return fromEnvironment(System.getenv())
                .orElseThrow(() -> new IllegalStateException("the grid's TLS is off (" + MODE + "=off)"))
                .sslContextFactory();
    }

    /**
     * Ignite's factory over these stores; the JDK picks the protocol (TLS 1.3 or 1.2). Without a key store
     * the trust store stands in for it: Ignite insists on one, and a store without keys makes a client
     * that presents no certificate.
     */
    public SslContextFactory sslContextFactory() {
        SslContextFactory factory = new SslContextFactory();
        factory.setKeyStoreFilePath(keyStoreOrTrustStore().toString());
        factory.setKeyStoreType(STORE_TYPE);
        factory.setKeyStorePassword(storePassword.toCharArray());
        factory.setTrustStoreFilePath(trustStore.toString());
        factory.setTrustStoreType(STORE_TYPE);
        factory.setTrustStorePassword(storePassword.toCharArray());
        return factory;
    }

    /**
     * A server node: mutual TLS between nodes, TLS on the thin-client/JDBC port, Ignite REST over HTTPS
     * ({@link #REST_HTTPS_XML}), and TLS with client certificates required on the binary REST protocol,
     * which nothing of ours uses.
     */
    public IgniteConfiguration secureServer(IgniteConfiguration configuration) {
        secureNode(configuration, "a grid node");
        ConnectorConfiguration rest = configuration.getConnectorConfiguration();
        if (rest != null) {
            rest.setSslEnabled(true).setSslClientAuth(true).setSslFactory(sslContextFactory());
            rest.setJettyPath(REST_HTTPS_XML);
        }
        return configuration;
    }

    /** A client node (an API node, the bench): it joins the grid, so it needs a certificate too. */
    public IgniteConfiguration secureClientNode(IgniteConfiguration configuration) {
        return secureNode(configuration, "a client node");
    }

    /** A thin client (tools, drills): the trust store checks the node; credentials prove who we are. */
    public ClientConfiguration secureThinClient(ClientConfiguration configuration) {
        return configuration.setSslMode(SslMode.REQUIRED)
                .setSslContextFactory(sslContextFactory());
    }

    /**
     * Connection properties of the JDBC thin driver for TLS with this trust store. Properties, not URL
     * parameters: tools print the URL they connect to.
     */
    public Properties jdbcProperties() {
        Properties properties = new Properties();
        properties.setProperty(JDBC_PREFIX + "sslMode", "require");
        // The driver insists on a key store too (see sslContextFactory).
        properties.setProperty(JDBC_PREFIX + "sslClientCertificateKeyStoreUrl", keyStoreOrTrustStore().toString());
        properties.setProperty(JDBC_PREFIX + "sslClientCertificateKeyStoreType", STORE_TYPE);
        properties.setProperty(JDBC_PREFIX + "sslClientCertificateKeyStorePassword", storePassword);
        properties.setProperty(JDBC_PREFIX + "sslTrustCertificateKeyStoreUrl", trustStore.toString());
        properties.setProperty(JDBC_PREFIX + "sslTrustCertificateKeyStoreType", STORE_TYPE);
        properties.setProperty(JDBC_PREFIX + "sslTrustCertificateKeyStorePassword", storePassword);
        return properties;
    }

    private IgniteConfiguration secureNode(IgniteConfiguration configuration, String role) {
        requireKeyStore(role);
        configuration.setSslContextFactory(sslContextFactory());
        ClientConnectorConfiguration thinClients = configuration.getClientConnectorConfiguration();
        if (thinClients != null) {
            thinClients.setSslEnabled(true).setUseIgniteSslContextFactory(true).setSslClientAuth(false);
        }
        return configuration;
    }

    private GridTls requireKeyStore(String role) {
        if (keyStore == null) {
            throw new IllegalArgumentException(KEY_STORE + " must name the PKCS12 key store of " + role + " ("
                    + MODE + " is on)");
        }
        return this;
    }

    private Path keyStoreOrTrustStore() {
        return keyStore != null ? keyStore : trustStore;
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim()).toAbsolutePath();
    }

    private static void requireReadable(String variable, Path store) {
        if (!Files.isReadable(store)) {
            throw new IllegalArgumentException(variable + ": cannot read " + store);
        }
    }

    /** Never the password: records print every field, and configurations end up in logs. */
    @Override
    public String toString() {
        return "GridTls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
}
