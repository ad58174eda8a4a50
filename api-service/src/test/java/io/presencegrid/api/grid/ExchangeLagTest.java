package io.presencegrid.api.grid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExchangeLagTest {

    private static final long SECOND = 1_000_000_000L;

    private final ExchangeLag lag = new ExchangeLag(15 * SECOND);

    @Test
    void aClientBehindOnOneTopologyForLongerThanTheLimitIsOverdueOnce() {
        assertThat(lag.overdue(9, 8, 0)).isFalse();
        assertThat(lag.overdue(9, 8, 15 * SECOND)).isFalse();
        assertThat(lag.overdue(9, 8, 16 * SECOND)).isTrue();
        assertThat(lag.overdue(9, 8, 17 * SECOND)).as("the count starts again").isFalse();
    }

    @Test
    void finishingTheExchangeOrANewerTopologyStartsTheWaitAgain() {
        assertThat(lag.overdue(9, 8, 0)).isFalse();
        assertThat(lag.overdue(9, 9, 10 * SECOND)).isFalse();
        assertThat(lag.overdue(10, 9, 12 * SECOND)).isFalse();
        assertThat(lag.overdue(10, 9, 20 * SECOND)).as("8 s behind on 10").isFalse();
        assertThat(lag.overdue(11, 9, 26 * SECOND)).as("a newer topology, a new exchange").isFalse();
        assertThat(lag.overdue(11, 9, 40 * SECOND)).isFalse();
        assertThat(lag.overdue(11, 9, 42 * SECOND)).isTrue();
    }

    @Test
    void aClientThatKeepsUpIsNeverOverdue() {
        for (long second = 0; second < 100; second++) {
            assertThat(lag.overdue(second / 10, second / 10, second * SECOND)).isFalse();
        }
    }
}
