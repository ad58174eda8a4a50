package io.presencegrid.api.web;

import static io.presencegrid.api.fakes.ProblemJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.fakes.ApiSliceTest;
import io.presencegrid.api.fakes.Bearer;
import io.presencegrid.api.fakes.FakeGrid;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Refusals that no controller writes (the body-size filter, the rate-limit filter, Spring MVC's own
 * 404, 405 and 415) answered as problems with the same members as the controllers' own.
 */
@ApiSliceTest
class ProblemMappingTest {

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private FakeGrid grid;

    @Test
    void aBodyOver16KiBIs413BeforeItIsRead() {
        String message = "m".repeat(RequestSizeLimitFilter.MAX_BODY_BYTES);

        MvcTestResult answer = post("/v1/status/update", Bearer.user("big"), "{\"userId\":\"big\",\"status\":\"online\",\"message\":\"" + message + "\"}");

        assertProblem(answer, 413, "request body");
    }

    @Test
    void aUserOverTheirBudgetGets429WithRetryAfterWhileOthersGoOn() {
        grid.rateLimiter().allow(1, 7);

        MvcTestResult first = get("/v1/status?userIds=x", Bearer.user("eager"));
        MvcTestResult second = get("/v1/status?userIds=x", Bearer.user("eager"));
        MvcTestResult someoneElse = get("/v1/status?userIds=x", Bearer.user("patient"));

        assertThat(first).hasStatusOk();
        assertProblem(second, 429, "rate limit");
        assertThat(second).hasHeader("Retry-After", "7");
        assertThat(someoneElse).hasStatusOk();
    }

    @Test
    void anUnknownPathIs404() {
        assertProblem(get("/v1/nothing-here", Bearer.user("lost")), 404);
    }

    @Test
    void aMethodThePathDoesNotTakeIs405() {
        MvcTestResult answer = mvc.put().uri("/v1/status/update").header("Authorization", Bearer.user("put"))
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertProblem(answer, 405);
    }

    @Test
    void aBodyThatIsNoJsonIs415() {
        MvcTestResult answer = mvc.post().uri("/v1/status/update").header("Authorization", Bearer.user("text"))
                .contentType(MediaType.TEXT_PLAIN).content("userId=text&status=online").exchange();

        assertProblem(answer, 415);
    }

    private MvcTestResult get(String path, String authorization) {
        return mvc.get().uri(path).header("Authorization", authorization).exchange();
    }

    private MvcTestResult post(String path, String authorization, String body) {
        return mvc.post().uri(path).header("Authorization", authorization).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }
}
