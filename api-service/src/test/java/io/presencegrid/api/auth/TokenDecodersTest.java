package io.presencegrid.api.auth;

import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Tokens as identity providers issue them: RS256 and ES256 keys generated here, published in a JWKS
 * that this test serves over real HTTP, and the HS256 secrets of a rotation.
 */
class TokenDecodersTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final TokenRules ANY_ISSUER = new TokenRules(null, null, Duration.ZERO, CLOCK);

    private static HttpServer identityProvider;
    private static volatile JWKSet published;
    private static final AtomicInteger fetches = new AtomicInteger();

    private static RSAKey rsa;
    private static ECKey ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void publishKeys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        published = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identityProvider.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        identityProvider.start();
    }

    @AfterAll
    static void stop() {
        identityProvider.stop(0);
    }

    @Test
    void rs256AndEs256TokensVerifyAgainstTheJwksWhichIsFetchedOnce() throws Exception {
        JwtDecoder decoder = jwksOnly(Duration.ofSeconds(30));
        int before = fetches.get();

        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode(signed(rsa, JWSAlgorithm.RS256, claims("alice"))).getSubject()).isEqualTo("alice");
            assertThat(decoder.decode(signed(ec, JWSAlgorithm.ES256, claims("bob"))).getSubject()).isEqualTo("bob");
        }

        assertThat(fetches.get() - before).as("fetches of the JWKS for ten tokens").isEqualTo(1);
    }

    @Test
    void anUnknownKidOrAForeignKeyUnderAKnownKidIsRefusedWithoutAFetchPerToken() throws Exception {
        JwtDecoder decoder = jwksOnly(Duration.ofSeconds(30));
        decoder.decode(signed(rsa, JWSAlgorithm.RS256, claims("alice")));
        int before = fetches.get();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();

        for (int i = 0; i < 10; i++) {
            RSAKey unknown = new RSAKeyGenerator(2048).keyID("made-up-" + i).generate();
            assertThatThrownBy(() -> decoder.decode(signed(unknown, JWSAlgorithm.RS256, claims("mallory"))))
                    .isInstanceOf(JwtException.class);
        }
        assertThatThrownBy(() -> decoder.decode(signed(stranger, JWSAlgorithm.RS256, claims("mallory"))))
                .isInstanceOf(JwtException.class);

        assertThat(fetches.get() - before).as("fetches for eleven bad tokens within the refetch interval").isLessThanOrEqualTo(1);
    }

    @Test
    void aKeyTheProviderAddsIsFoundByTheFirstTokenThatNamesIt() throws Exception {
        JwtDecoder decoder = jwksOnly(Duration.ofMillis(1));
        decoder.decode(signed(rsa, JWSAlgorithm.RS256, claims("alice")));
        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        JWKSet before = published;
        published = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK(), next.toPublicJWK()));
        try {
            String carol = signed(next, JWSAlgorithm.RS256, claims("carol"));
            // Found once the source may fetch again: a millisecond after the first fetch, here.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(decoder.decode(carol).getSubject()).isEqualTo("carol"));
        } finally {
            published = before;
        }
    }

    @Test
    void anHs256TokenSignedWithAPublicKeyAsItsSecretIsRefused() throws Exception {
        JwtDecoder decoder = TokenDecoders.verifier(new TokenKeys(List.of(secretKey(TestJwt.SECRET)), null,
                TokenDecoders.jwks(jwksUrl(), Duration.ofSeconds(30))), ANY_ISSUER);
        byte[] publicKeyAsSecret = rsa.toPublicKey().getEncoded();

        assertThatThrownBy(() -> decoder.decode(signed(new MACSigner(publicKeyAsSecret), new JWSHeader(JWSAlgorithm.HS256), claims("mallory"))))
                .isInstanceOf(JwtException.class);
        assertThat(decoder.decode(TOKENS.user("alice")).getSubject()).as("the real secret still verifies").isEqualTo("alice");
    }

    @Test
    void aPemPublicKeyVerifiesTokensOfItsOwnKindWithoutAKid() throws Exception {
        Path pem = Files.writeString(dir.resolve("idp.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ec.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        JwtDecoder decoder = TokenDecoders.verifier(new TokenKeys(List.of(), PemPublicKey.read(pem), null), ANY_ISSUER);
        ECKey withoutKid = new ECKey.Builder(ec).keyID(null).build();

        assertThat(decoder.decode(signed(withoutKid, JWSAlgorithm.ES256, claims("dave"))).getSubject()).isEqualTo("dave");
        assertThatThrownBy(() -> decoder.decode(signed(rsa, JWSAlgorithm.RS256, claims("dave")))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(TOKENS.user("dave"))).as("no secret configured: HS256 refused").isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> PemPublicKey.read(Files.writeString(dir.resolve("not.pem"), "hello")))
                .hasMessageContaining("PRESENCE_JWT_PUBLIC_KEY_FILE");
    }

    @Test
    void issuerAndAudienceAreCheckedWhereConfiguredAndAccessTokenTypesAccepted() throws Exception {
        JwtDecoder decoder = TokenDecoders.verifier(new TokenKeys(List.of(), null, TokenDecoders.jwks(jwksUrl(), Duration.ofSeconds(30))),
                new TokenRules("https://idp.example", "presence-api", Duration.ZERO, CLOCK));
        JWSHeader accessToken = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(new JOSEObjectType("at+jwt")).build();
        JWTClaimsSet.Builder right = claimsBuilder("erin").issuer("https://idp.example").audience(List.of("other", "presence-api"));

        assertThat(decoder.decode(signed(new RSASSASigner(rsa), accessToken, right.build())).getSubject()).isEqualTo("erin");
        assertThatThrownBy(() -> decoder.decode(signed(new RSASSASigner(rsa), accessToken, right.issuer("https://evil.example").build())))
                .isInstanceOf(JwtException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> decoder.decode(signed(new RSASSASigner(rsa), accessToken,
                claimsBuilder("erin").issuer("https://idp.example").build()))).hasMessageContaining("aud");
    }

    @Test
    void duringASecretRotationTokensOfBothSecretsVerifyAndAfterItOnlyTheNewOnes() {
        String oldSecret = PresenceTokens.randomSecret();
        String newSecret = PresenceTokens.randomSecret();
        JwtDecoder overlap = TokenDecoders.fromProperties(new AuthProperties(newSecret, null, oldSecret, null, null, null, null, null, 0), CLOCK);
        JwtDecoder after = TokenDecoders.fromProperties(AuthProperties.ofSecret(newSecret), CLOCK);

        assertThat(overlap.decode(new PresenceTokens(oldSecret).user("frank")).getSubject()).isEqualTo("frank");
        assertThat(overlap.decode(new PresenceTokens(newSecret).user("frank")).getSubject()).isEqualTo("frank");
        assertThat(after.decode(new PresenceTokens(newSecret).user("frank")).getSubject()).isEqualTo("frank");
        assertThatThrownBy(() -> after.decode(new PresenceTokens(oldSecret).user("frank"))).isInstanceOf(JwtException.class);
    }

    @Test
    void theConfiguredDecoderTakesTheJwksAndTheSecretTogether() throws Exception {
        JwtDecoder decoder = TokenDecoders.fromProperties(new AuthProperties(TestJwt.SECRET, null, null, null, null,
                jwksUrl().toString(), null, null, 3600), CLOCK);

        assertThat(decoder.decode(TOKENS.user("gina")).getSubject()).isEqualTo("gina");
        assertThat(decoder.decode(signed(ec, JWSAlgorithm.ES256, claims("gina"))).getSubject()).isEqualTo("gina");
        assertThatThrownBy(() -> decoder.decode(signed(ec, JWSAlgorithm.ES256,
                claimsBuilder("gina").issueTime(Date.from(Instant.now().minusSeconds(7200))).build())))
                .as("issued two hours ago, one hour allowed").hasMessageContaining("iat");
        assertThatThrownBy(() -> TokenDecoders.fromProperties(new AuthProperties(null, null, null, null, null, "not a url", null, null, 0), CLOCK))
                .hasMessageContaining("PRESENCE_JWT_JWKS_URI");
    }

    private static JwtDecoder jwksOnly(Duration minRefetchInterval) throws Exception {
        return TokenDecoders.verifier(new TokenKeys(List.of(), null, TokenDecoders.jwks(jwksUrl(), minRefetchInterval)), ANY_ISSUER);
    }

    private static URL jwksUrl() throws Exception {
        return new URL("http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/jwks");
    }

    private static String signed(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        JWSSigner signer = key instanceof RSAKey rsaKey ? new RSASSASigner(rsaKey) : new ECDSASigner((ECKey) key);
        return signed(signer, new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
    }

    private static String signed(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String subject) {
        return claimsBuilder(subject).build();
    }

    private static JWTClaimsSet.Builder claimsBuilder(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static SecretKeySpec secretKey(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
