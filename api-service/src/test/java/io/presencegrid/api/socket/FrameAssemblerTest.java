package io.presencegrid.api.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    private final FrameAssembler assembler = new FrameAssembler(10);

    @Test
    void aWholeFrameIsPassedOnAsItIs() {
        assertThat(assembler.append("{\"a\":1}", true)).isEqualTo("{\"a\":1}");
    }

    @Test
    void partsAreJoinedWhenTheLastArrives() {
        assertThat(assembler.append("abc", false)).isNull();
        assertThat(assembler.append("def", false)).isNull();
        assertThat(assembler.append("g", true)).isEqualTo("abcdefg");
        assertThat(assembler.append("next", true)).as("nothing left over").isEqualTo("next");
    }

    @Test
    void framesOverTheLimitAreRefusedWholeOrInParts() {
        assertThatThrownBy(() -> assembler.append("x".repeat(11), true)).isInstanceOf(FrameAssembler.FrameTooLargeException.class);
        assembler.append("x".repeat(6), false);
        assertThatThrownBy(() -> assembler.append("x".repeat(5), true)).isInstanceOf(FrameAssembler.FrameTooLargeException.class);
        assertThat(assembler.append("ok", true)).isEqualTo("ok");
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        String euros = "\u20AC".repeat(4);

        assertThat(assembler.append("\u20AC".repeat(3), true)).as("9 bytes").hasSize(3);
        assertThatThrownBy(() -> assembler.append(euros, true)).as("12 bytes in 4 chars")
                .isInstanceOf(FrameAssembler.FrameTooLargeException.class);
        assembler.append("\u20AC\u20AC", false);
        assertThatThrownBy(() -> assembler.append("\u20AC\u20AC", true)).as("12 bytes in two parts")
                .isInstanceOf(FrameAssembler.FrameTooLargeException.class);
        assertThat(FrameAssembler.utf8Length("a\u00E9\u20AC\uD83D\uDE00")).isEqualTo(1 + 2 + 3 + 4);
    }
}
