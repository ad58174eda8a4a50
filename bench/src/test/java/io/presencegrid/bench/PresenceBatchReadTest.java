package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PresenceBatchReadTest {

    @Test
    void aBatchHoldsAtMost500ShortIds() {
        List<String> ids = IntStream.range(0, 1_200).mapToObj(i -> "u" + i).toList();

        assertThat(PresenceBatchRead.batchEnd(ids, 0)).isEqualTo(500);
        assertThat(PresenceBatchRead.batchEnd(ids, 1_000)).isEqualTo(1_200);
    }

    @Test
    void longIdsMakeSmallerBatchesSoTheUrlStaysUnderTomcatsHeaderLimit() {
        List<String> ids = IntStream.range(0, 1_000).mapToObj(i -> "x".repeat(59) + String.format("%05d", i)).toList();

        int end = PresenceBatchRead.batchEnd(ids, 0);

        assertThat(end).isEqualTo(6_000 / 65);
        assertThat(String.join(",", ids.subList(0, end)).length()).isLessThan(6_000);
    }
}
