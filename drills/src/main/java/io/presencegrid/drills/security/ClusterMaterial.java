package io.presencegrid.drills.security;

import io.presencegrid.security.GridAccount;
import io.presencegrid.security.GridTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * What `scripts/cluster.sh up` made under PRESENCE_HOME and what the drill's legitimate side holds: the
 * CA's trust store, a key store the CA signed, the operator's and the analyst's passwords.
 */
record ClusterMaterial(Path home, String storePassword, String operatorPassword, String analystPassword) {

    static ClusterMaterial of(Path home) throws IOException {
        return new ClusterMaterial(home, read(home, "grid-tls-store-password"), read(home, "grid-operator-password"),
                read(home, "grid-analyst-password"));
    }

    private static String read(Path home, String secret) throws IOException {
        return Files.readString(home.resolve("secrets").resolve(secret), StandardCharsets.UTF_8).strip();
    }

    /** Trusts the cluster's CA and presents no certificate: what a thin client or JDBC tool has. */
    GridTls trustOnly() {
        return new GridTls(null, home.resolve("tls/grid-trust.p12"), storePassword);
    }

    /** Presents a certificate of the cluster's CA (the key store `up` made for the name). */
    GridTls signedBy(String name) {
        return new GridTls(home.resolve("tls").resolve(name + ".p12"), home.resolve("tls/grid-trust.p12"), storePassword);
    }

    SSLContext restClientContext() {
        return signedBy("drill").sslContextFactory().create();
    }

    SSLContext trustingContext() {
        return trustOnly().sslContextFactory().create();
    }

    Properties jdbc(GridAccount account) {
        Properties properties = trustOnly().jdbcProperties();
        if (account != null) {
            properties.putAll(account.jdbcProperties());
        }
        return properties;
    }

    GridAccount operator() {
        return new GridAccount("operator", operatorPassword);
    }

    GridAccount analyst() {
        return new GridAccount("analyst", analystPassword);
    }
}
