package io.presencegrid.api.reliability;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.presencegrid.api.support.TestJwt;
import io.presencegrid.clienttools.api.ApiAnswer;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.clienttools.token.PresenceTokens;
import io.presencegrid.drills.auth.AuthDrill;
import io.presencegrid.testing.GridTestCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** scripts/drill.sh auth in mvn verify: every case of the drill against an in-process API. */
@ApiGridTest(name = "api-defaults", shared = true)
class AuthDrillIT {

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    @Test
    void everyForgedOrMisusedTokenIsRefusedWithTheRightStatusAndTheControlsPass() throws Exception {
        AuthDrill.Report report = AuthDrill.run("http://127.0.0.1:" + port, new PresenceTokens(TestJwt.SECRET));

        assertThat(report.failures()).as("wrong cases").isEmpty();
        assertThat(report.cases()).isGreaterThanOrEqualTo(100);
        assertThat(report.allowedAsExpected()).as("positive controls").isGreaterThanOrEqualTo(8);
        assertThat(report.refusedAsExpected() + report.allowedAsExpected()).isEqualTo(report.cases());
    }

    @Test
    void aCorrectlySignedTokenWithoutExpiryIsRefused() throws Exception {
        String noExp = new PresenceTokens(TestJwt.SECRET).signAsIs(new JWTClaimsSet.Builder().subject("auth-no-exp").build());

        ApiAnswer answer = new ApiClient("http://127.0.0.1:" + port).update(noExp, "auth-no-exp", "phone", "online");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }
}
