package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    /** Requests answered 200 at once, except request {@code slow}, answered after {@code millis}. */
    private static LongFunction<CompletableFuture<Integer>> slowAnswerTo(long slow, long millis) {
        return n -> n == slow
                ? CompletableFuture.supplyAsync(() -> 200, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS))
                : CompletableFuture.completedFuture(200);
    }

    @Test
    void namesTheSecondInWhichTheSlowRequestWasDueByTheWallClock() throws Exception {
        OpenLoop.Outcome outcome = OpenLoop.run(100, 2, 1_000, slowAnswerTo(150, 500));

        assertThat(outcome.sent()).isEqualTo(200);
        assertThat(outcome.worstBySecond()[1]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        String secondOfTheSlowRequest = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(outcome.startedAt().plusSeconds(1));
        assertThat(outcome.slowestSeconds(1)).startsWith(secondOfTheSlowRequest + " 5");
        assertThat(outcome.slowestSeconds(5).split(", ")).as("seconds in which requests were due").hasSize(2);
    }

    @Test
    void aRequestDueWhileEveryConnectionIsBusyWaitsForOneAndTheWaitCounts() throws Exception {
        OpenLoop.Outcome outcome = OpenLoop.run(100, 1, 1, slowAnswerTo(0, 300));

        assertThat(outcome.sent()).isEqualTo(100);
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.queued()).as("the first request due during the slow one found the connection busy; the"
                + " loop waited with it, and the others due meanwhile went out as soon as it was sent").isEqualTo(1);
        assertThat(outcome.latencies().getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.SECONDS.toNanos(10)))
                .as("the slow one and those due in its first 100 ms, each timed from when it was due").isGreaterThanOrEqualTo(10);
    }

    @Test
    void timesThePartItIsAskedToApartAsWellAsWithTheRest() throws Exception {
        OpenLoop.Outcome outcome = OpenLoop.run(100, 1, 1_000, slowAnswerTo(30, 300), n -> n % 10 == 0);

        assertThat(outcome.latencies().getTotalCount()).isEqualTo(100);
        assertThat(outcome.partLatencies().getTotalCount()).as("every tenth request").isEqualTo(10);
        assertThat(outcome.partLatencies().getMaxValue()).as("the slow one is in the part")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void countsAFailedAnswerAndStillTimesIt() throws Exception {
        OpenLoop.Outcome outcome = OpenLoop.run(50, 1, 1_000, n -> CompletableFuture.completedFuture(n == 7 ? 500 : 200));

        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.latencies().getTotalCount()).isEqualTo(50);
    }
}
