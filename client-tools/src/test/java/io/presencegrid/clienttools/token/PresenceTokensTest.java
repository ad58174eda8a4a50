package io.presencegrid.clienttools.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class PresenceTokensTest {

    private static final String SECRET = PresenceTokens.randomSecret();

    private final PresenceTokens tokens = new PresenceTokens(SECRET);

    @Test
    void aUserTokenVerifiesWithTheSecretAndHoldsSubScopeAndAnHourOfLife() throws Exception {
        SignedJWT token = SignedJWT.parse(tokens.user("alice"));

        assertThat(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(token.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("scope")).isEqualTo("presence");
        assertThat(claims.getIssueTime().toInstant()).isBetween(Instant.now().minusSeconds(5), Instant.now());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
    }

    @Test
    void anAdminTokenCarriesTheAdminScope() throws Exception {
        SignedJWT token = SignedJWT.parse(tokens.admin("ops"));

        assertThat(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(token.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("presence:admin");
    }

    @Test
    void thePayloadIsTheJsonTokenShWrote() throws Exception {
        String payload = SignedJWT.parse(tokens.user("bob")).getPayload().toString();

        assertThat(payload).startsWith("{").endsWith("}").contains("\"sub\":\"bob\"", "\"scope\":\"presence\"")
                .containsPattern("\"iat\":\\d{10}[,}]").containsPattern("\"exp\":\\d{10}[,}]").doesNotContain(" ");
    }

    @Test
    void aTokenSignedWithAnotherKeyFailsVerification() throws Exception {
        MACVerifier theApis = new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8));

        assertThat(SignedJWT.parse(new PresenceTokens(PresenceTokens.randomSecret()).user("mallory")).verify(theApis)).isFalse();
        assertThat(SignedJWT.parse(ForeignTokens.hs256("an-attackers-own-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
                PresenceTokens.claims("mallory", PresenceTokens.ADMIN_SCOPE).build())).verify(theApis)).isFalse();
    }

    @Test
    void signAddsIssueAndExpiryOnlyWhereTheCallerSetNone() throws Exception {
        Date past = Date.from(Instant.now().minusSeconds(600));

        JWTClaimsSet added = SignedJWT.parse(tokens.sign(new JWTClaimsSet.Builder().subject("carol"))).getJWTClaimsSet();
        JWTClaimsSet kept = SignedJWT.parse(tokens.sign(new JWTClaimsSet.Builder().subject("carol").expirationTime(past)))
                .getJWTClaimsSet();

        assertThat(added.getIssueTime()).isNotNull();
        assertThat(added.getExpirationTime()).isAfter(new Date());
        assertThat(kept.getExpirationTime()).isEqualTo(new Date(past.getTime() / 1000 * 1000));
    }

    @Test
    void signAsIsLeavesOutWhatTheCallerLeftOut() throws Exception {
        SignedJWT token = SignedJWT.parse(tokens.signAsIs(new JWTClaimsSet.Builder().subject("dave").build()));

        assertThat(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isNull();
        assertThat(token.getJWTClaimsSet().getIssueTime()).isNull();
    }

    @Test
    void anExpiredTokenIsSignedWithItsExpiryInThePast() throws Exception {
        Instant expiry = Instant.now().minusSeconds(120);

        SignedJWT token = SignedJWT.parse(tokens.expiringAt("erin", expiry));

        assertThat(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond()).isEqualTo(expiry.getEpochSecond());
    }

    @Test
    void foreignTokensAreUnsignedOrRs256() throws Exception {
        JWTClaimsSet claims = PresenceTokens.claims("frank", PresenceTokens.USER_SCOPE).build();

        assertThat(JWTParser.parse(ForeignTokens.unsigned(claims))).isInstanceOf(PlainJWT.class);
        SignedJWT rs256 = SignedJWT.parse(ForeignTokens.rs256(ForeignTokens.rsaKey("unknown-kid"), claims));
        assertThat(rs256.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(rs256.getHeader().getKeyID()).isEqualTo("unknown-kid");
        assertThat(rs256.getJWTClaimsSet().getSubject()).isEqualTo("frank");
    }
}
