package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerSettlingTest {

    @Test
    void warmsOnUntilASliceIsAtMostTheSettledShare() throws InterruptedException {
        SlicesOf load = new SlicesOf(0.24, 0.12, 0.053, 0.05, 0.01);

        CompilerSettling.Outcome outcome = new CompilerSettling(15, 300, 0.05).warm(load);

        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.shares()).containsExactly(0.24, 0.12, 0.053, 0.05);
        assertThat(load.asked).containsOnly(15.0).hasSize(4);
        assertThat(outcome.seconds()).isEqualTo(60.0);
        assertThat(outcome.summary()).isEqualTo("60 s more, until the JIT's share fell to 5.0% (24.0%, 12.0%, 5.3%, 5.0%)");
    }

    @Test
    void stopsAtTheLimitWhenTheCompilersNeverSettle() throws InterruptedException {
        SlicesOf load = new SlicesOf(0.30, 0.30, 0.30, 0.30, 0.30);

        CompilerSettling.Outcome outcome = new CompilerSettling(15, 50, 0.05).warm(load);

        assertThat(outcome.settled()).isFalse();
        assertThat(outcome.shares()).hasSize(3);
        assertThat(outcome.summary()).isEqualTo("45 s more, and the JIT had still not settled (30.0%, 30.0%, 30.0%)");
    }

    @Test
    void theQuickRunAddsNoSlice() throws InterruptedException {
        SlicesOf load = new SlicesOf(0.5);

        CompilerSettling.Outcome outcome = CompilerSettling.NONE.warm(load);

        assertThat(load.asked).isEmpty();
        assertThat(outcome.summary()).isEqualTo("no more");
    }

    @Test
    void refusesASliceThatDoesNotLastOrAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new CompilerSettling(0, 300, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompilerSettling(15, 300, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompilerSettling(15, -1, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A load whose slices report the given compiler shares in turn, and which records each slice asked for. */
    private static final class SlicesOf implements CompilerSettling.Slice {

        private final Iterator<Double> shares;
        private final List<Double> asked = new ArrayList<>();

        SlicesOf(Double... shares) {
            this.shares = List.of(shares).iterator();
        }

        @Override
        public double compilerShareOver(double seconds) {
            asked.add(seconds);
            return shares.next();
        }
    }
}
