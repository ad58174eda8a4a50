package io.presencegrid.drills.security;

import io.presencegrid.security.GridAccount;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Ignite REST: without the CA's client certificate, without an account, as the analyst, and in plain
 * HTTP. (A holder of the CA's certificate without an account still learns Ignite's version: Ignite
 * answers cmd=version to any caller TLS lets through, which is why REST asks for the certificate.) Accounts go in the POST body, as the scripts send them. A command counts as got through when
 * Ignite reports success ({@code "successStatus":0}) or, for plain HTTP, when anything HTTP answers.
 */
final class IgniteRestAttacks {

    private final ClusterMaterial material;
    private final Attempts attempts;
    private final int restPort;

    IgniteRestAttacks(ClusterMaterial material, Attempts attempts, int restPort) {
        this.material = material;
        this.attempts = attempts;
        this.restPort = restPort;
    }

    void run() {
        HttpClient withCertificate = client(material.restClientContext());
        HttpClient withoutCertificate = client(material.trustingContext());

        attempts.control("rest_operator_top", () -> succeeded(post(withCertificate, "cmd=top", material.operator()))
                ? null : "the operator was refused");
        attempts.attack("rest_version_without_certificate", () -> answer(post(withoutCertificate, "cmd=version", null)));
        attempts.attack("rest_top_without_certificate", () -> answer(post(withoutCertificate, "cmd=top", material.operator())));
        attempts.attack("rest_put_without_account", () -> successOrNull(post(withCertificate, putCommand(), null)));
        attempts.attack("rest_setstate_without_account", () -> successOrNull(post(withCertificate, "cmd=setstate&state=INACTIVE", null)));
        attempts.attack("rest_put_as_analyst", () -> successOrNull(post(withCertificate, putCommand(), material.analyst())));
        attempts.attack("rest_setstate_as_analyst", () -> successOrNull(post(withCertificate, "cmd=setstate&state=INACTIVE",
                material.analyst())));
        attempts.attack("rest_plain_http", () -> {
            HttpResponse<String> plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/ignite?cmd=version"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return "HTTP " + plain.statusCode() + " " + plain.body();
        });
    }

    private static String putCommand() {
        return "cmd=put&cacheName=presence&key=drill-rest-forged&val=forged";
    }

    private HttpResponse<String> post(HttpClient client, String command, GridAccount account) throws Exception {
        String body = command;
        if (account != null) {
            body += "&ignite.login=" + account.user()
                    + "&ignite.password=" + URLEncoder.encode(account.password(), StandardCharsets.UTF_8);
        }
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + restPort + "/ignite"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean succeeded(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"successStatus\":0");
    }

    private static String successOrNull(HttpResponse<String> response) {
        return succeeded(response) ? response.body() : null;
    }

    private static String answer(HttpResponse<String> response) {
        return "HTTP " + response.statusCode() + " " + response.body();
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
