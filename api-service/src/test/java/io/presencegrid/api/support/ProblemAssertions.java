package io.presencegrid.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.clienttools.api.ApiAnswer;

/** What the API promises of a refused request's answer. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** A 400 problem whose detail names {@code field}: bad input is refused naming what was wrong. */
    public static void assertBadRequestNaming(ApiAnswer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asText()).as(answer.body()).contains(field);
    }
}
