package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ticks go out alone while the refreshers keep up, and merge into bigger calls once they fall behind. */
class RefreshQueueTest {

    private final RefreshQueue<Integer> queue = new RefreshQueue<>(10);

    @Test
    void aTickTakenAtOnceGoesAlone() throws InterruptedException {
        queue.add(List.of(1, 2, 3));

        assertThat(queue.take()).containsExactly(1, 2, 3);
        assertThat(queue.ticksWaiting()).isZero();
    }

    @Test
    void ticksThatWaitedMergeUpToABatchInTheirOrder() throws InterruptedException {
        queue.add(List.of(1, 2, 3, 4));
        queue.add(List.of(5, 6, 7));
        queue.add(List.of(8, 9, 10, 11));
        queue.add(List.of());

        assertThat(queue.take()).as("the third tick would overfill the batch").containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(queue.take()).containsExactly(8, 9, 10, 11);
        assertThat(queue.ticksWaiting()).as("an empty tick is no call").isZero();
    }

    @Test
    void aTickBiggerThanABatchGoesAsSeveral() throws InterruptedException {
        queue.add(IntStream.rangeClosed(1, 25).boxed().toList());

        assertThat(queue.take()).hasSize(10).startsWith(1).endsWith(10);
        assertThat(queue.take()).hasSize(10).startsWith(11);
        assertThat(queue.take()).containsExactly(21, 22, 23, 24, 25);
    }
}
