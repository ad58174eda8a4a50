package io.presencegrid.api.admin;

import static io.presencegrid.api.fakes.ProblemJson.assertProblem;
import static io.presencegrid.api.fakes.ProblemJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.presencegrid.api.fakes.ApiSliceTest;
import io.presencegrid.api.fakes.Bearer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** {@code /v1/admin}: the admin scope before anything else, and the purge's retention parsed. */
@ApiSliceTest
class AdminControllerTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void withoutTheAdminScopeBothEndpointsAre403WhateverTheInput() {
        assertProblem(mvc.get().uri("/v1/admin/stats").header("Authorization", Bearer.user("curious")).exchange(), 403, "scope");
        assertProblem(purge(Bearer.user("curious"), "?retentionDays=30"), 403, "scope");
        assertProblem(purge(Bearer.user("curious"), "?retentionDays=abc"), 403, "scope");
    }

    @Test
    void statsCountUsersByStatus() {
        for (String[] user : new String[][] {{"s1", "online"}, {"s2", "busy"}, {"s3", "busy"}}) {
            assertThat(mvc.post().uri("/v1/status/update").header("Authorization", Bearer.user(user[0]))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"userId\":\"" + user[0] + "\",\"status\":\"" + user[1] + "\"}").exchange()).hasStatusOk();
        }

        JsonNode stats = json(mvc.get().uri("/v1/admin/stats").header("Authorization", Bearer.admin("ops")).exchange());

        assertThat(stats.path("users").asLong()).isEqualTo(3);
        assertThat(stats.path("byStatus").path("busy").asLong()).isEqualTo(2);
        assertThat(stats.path("byStatus").path("invisible").asLong()).isZero();
    }

    @Test
    void aPurgeTakesTheRetentionAskedFor() {
        JsonNode purged = json(purge(Bearer.admin("ops"), "?retentionDays=30"));

        Instant expected = Instant.now().minus(Duration.ofDays(30));
        assertThat(Instant.parse(purged.path("cutoff").asString())).isCloseTo(expected, within(1, ChronoUnit.MINUTES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "36501", "abc", "-5"})
    void aRetentionOutside1To36500DaysIsRefusedNamingIt(String days) {
        assertProblem(purge(Bearer.admin("ops"), "?retentionDays=" + days), 400, "retentionDays");
    }

    private MvcTestResult purge(String authorization, String query) {
        return mvc.post().uri("/v1/admin/purge" + query).header("Authorization", authorization).exchange();
    }
}
