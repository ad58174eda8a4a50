package io.presencegrid.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaselineQuorumTest {

    @Test
    void twoOfThreeBaselineNodesMayWriteOneMayNot() {
        assertThat(BaselineQuorum.hasMajority(3, 3)).isTrue();
        assertThat(BaselineQuorum.hasMajority(2, 3)).isTrue();
        assertThat(BaselineQuorum.hasMajority(1, 3)).isFalse();
    }

    @Test
    void halfOfAnEvenBaselineIsNoMajority() {
        assertThat(BaselineQuorum.hasMajority(2, 4)).isFalse();
        assertThat(BaselineQuorum.hasMajority(3, 4)).isTrue();
    }

    @Test
    void aTopologyValidatorWithoutItsNodeLetsEverythingThrough() {
        // Before Ignite injects the node (never on a started cache), there is no baseline to count.
        assertThat(new BaselineQuorum().validate(java.util.List.of())).isTrue();
    }
}
