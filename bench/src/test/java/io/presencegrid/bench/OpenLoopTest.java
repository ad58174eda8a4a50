package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void namesTheSecondInWhichTheSlowRequestWasDueByTheWallClock() throws Exception {
        OpenLoop.Outcome outcome = OpenLoop.run(100, 2, 1_000, n -> n == 150
                ? CompletableFuture.supplyAsync(() -> 200, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                : CompletableFuture.completedFuture(200));

        assertThat(outcome.sent()).isEqualTo(200);
        assertThat(outcome.worstBySecond()[1]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        String secondOfTheSlowRequest = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(outcome.startedAt().plusSeconds(1));
        assertThat(outcome.slowestSeconds(1)).startsWith(secondOfTheSlowRequest + " 5");
        assertThat(outcome.slowestSeconds(5).split(", ")).as("seconds in which requests were due").hasSize(2);
    }

    @Test
    void countsAFailedAnswerAndStillTimesIt() throws Exception {
        OpenLoop.Outcome outcome = OpenLoop.run(50, 1, 1_000, n -> CompletableFuture.completedFuture(n == 7 ? 500 : 200));

        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.latencies().getTotalCount()).isEqualTo(50);
    }
}
