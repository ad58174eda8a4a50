package io.presencegrid.api.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading answers of the sliced API, and the one check of a problem+json answer (docs/api.md, "Errors"). */
public final class ProblemJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {
    }

    public static JsonNode json(MvcTestResult result) {
        return JSON.readTree(body(result));
    }

    public static String body(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * A problem with {@code status}, every member present and none null, whose detail names {@code field}
     * as this API names fields: {@code "field: what is wrong"}.
     *
     * @return the problem, for further checks
     */
    public static JsonNode assertProblem(MvcTestResult result, int status, String field) {
        JsonNode problem = assertProblem(result, status);
        assertThat(problem.path("detail").asString()).contains(field + ":");
        return problem;
    }

    /** As {@link #assertProblem(MvcTestResult, int, String)}, for problems about no field (the grid away). */
    public static JsonNode assertProblem(MvcTestResult result, int status) {
        String body = body(result);
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = json(result);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        for (String member : new String[] {"type", "title", "detail", "instance"}) {
            assertThat(problem.path(member).isString()).as(member + " in " + body).isTrue();
        }
        return problem;
    }
}
