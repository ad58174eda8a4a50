package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GridWriteSplitTest {

    @Test
    void cutsAnEventAtTheGridsTimeOfTheWrite() {
        GridWriteSplit split = new GridWriteSplit();
        Instant now = Instant.now();

        split.record(new Due(System.nanoTime(), now.minusMillis(30)), now.minusMillis(10));

        assertThat(split.untilWrite().getTotalCount()).isEqualTo(1);
        assertThat(split.untilWrite().getMaxValue() / 1e6).as("sent to written, ms").isBetween(19.0, 21.0);
        assertThat(split.afterWrite().getMaxValue() / 1e6).as("written to now, ms").isBetween(9.0, 1_000.0);
    }

    @Test
    void aWriteStampedBeforeTheSendCountsAsNoTimeNotNegative() {
        GridWriteSplit split = new GridWriteSplit();
        Instant now = Instant.now();

        split.record(new Due(System.nanoTime(), now), now.minusMillis(2));

        assertThat(split.untilWrite().getMaxValue()).isZero();
    }

    @Test
    void anEventWithoutTheGridsTimeIsNotSplit() {
        GridWriteSplit split = new GridWriteSplit();

        split.record(Due.now(), null);

        assertThat(split.untilWrite().getTotalCount()).isZero();
        assertThat(split.afterWrite().getTotalCount()).isZero();
    }
}
