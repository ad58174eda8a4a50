package io.presencegrid.api.auth;

import static io.presencegrid.api.fakes.ProblemJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.fakes.ApiSliceTest;
import io.presencegrid.api.fakes.Bearer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The security chain's 401s, as problem+json with the resource server's WWW-Authenticate kept. */
@ApiSliceTest
class BearerTokenTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void aValidTokenPasses() {
        assertThat(mvc.get().uri("/v1/status?userIds=anyone").header("Authorization", Bearer.user("reader")).exchange())
                .hasStatusOk();
    }

    @Test
    void noTokenIs401SayingOneIsRequired() {
        MvcTestResult answer = mvc.get().uri("/v1/status/anyone").exchange();

        assertThat(assertProblem(answer, 401, "Authorization").path("detail").asString()).contains("required");
        assertThat(answer.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aTokenSignedWithAnotherSecretIs401() {
        assertInvalid(Bearer.signedWithAnotherSecret("forger"));
    }

    @Test
    void anExpiredTokenIs401() {
        assertInvalid(Bearer.expired("late"));
    }

    @Test
    void anUnsignedTokenClaimingTheAdminScopeIs401() {
        assertInvalid(Bearer.unsigned("intruder"));
    }

    @Test
    void aTokenInTheUrlOfARestCallIs401AndSaysWhereTokensBelong() {
        MvcTestResult answer = mvc.get().uri("/v1/status/anyone?access_token=" + Bearer.token("urly")).exchange();

        assertThat(assertProblem(answer, 401, "Authorization").path("detail").asString()).contains("WebSocket handshake");
    }

    private void assertInvalid(String authorization) {
        MvcTestResult answer = mvc.post().uri("/v1/status/update").header("Authorization", authorization)
                .contentType("application/json").content("{\"userId\":\"intruder\",\"status\":\"online\"}").exchange();

        assertThat(assertProblem(answer, 401, "Authorization").path("detail").asString()).contains("invalid token");
        assertThat(answer.getResponse().getHeader("WWW-Authenticate")).contains("invalid_token");
    }
}
