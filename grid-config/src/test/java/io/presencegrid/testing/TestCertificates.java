package io.presencegrid.testing;

import io.presencegrid.security.GridTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA of a test's own and PKCS12 stores signed by it, made with the JDK's keytool as an operator would:
 * a key store per process (its EC key, its certificate and the CA's) and one trust store with the CA.
 * Everything lives in one directory with one random store password.
 */
public final class TestCertificates {

    private final Path directory;
    private final String password;

    private TestCertificates(Path directory, String password) {
        this.directory = directory;
        this.password = password;
    }

    /** Creates the CA (named {@code caName}) and the trust store in {@code directory}. */
    public static TestCertificates createCa(Path directory, String caName) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        TestCertificates certificates = new TestCertificates(directory.toAbsolutePath(), Base64.getEncoder().encodeToString(random));
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + caName, "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        certificates.keytool("-exportcert", "-alias", "ca", "-rfc", "-file", "ca.crt", "-keystore", "ca.p12");
        certificates.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12");
        return certificates;
    }

    /** A key store for process {@code name}: a fresh key pair whose certificate this CA signed. */
    public Path keyStore(String name) {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", name, "-file", name + ".csr", "-keystore", store);
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile", name + ".crt",
                "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth,clientAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", store);
        keytool("-importcert", "-alias", name, "-file", name + ".crt", "-keystore", store);
        return directory.resolve(store);
    }

    /** TLS settings of a node of this CA. */
    public GridTls node(String name) {
        return new GridTls(keyStore(name), trustStore(), password);
    }

    /** TLS settings of a thin client that trusts this CA. */
    public GridTls thinClient() {
        return new GridTls(null, trustStore(), password);
    }

    public Path trustStore() {
        return directory.resolve("trust.p12");
    }

    public String password() {
        return password;
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        if (List.of(arguments).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", password));
        }
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
