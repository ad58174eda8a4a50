package io.presencegrid.drills.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcknowledgedUpdatesTest {

    private final AcknowledgedUpdates log = new AcknowledgedUpdates();

    @Test
    void theGridKeepsAnAcknowledgedUpdateOnlyWithItsStatusAndVersion() {
        log.acknowledged("u", "away", 7);
        AcknowledgedUpdates.Acknowledged last = log.last().get("u");

        assertThat(AcknowledgedUpdates.kept(last, "away", 7)).isTrue();
        assertThat(AcknowledgedUpdates.kept(last, "online", 7)).as("other status").isFalse();
        assertThat(AcknowledgedUpdates.kept(last, "away", 6)).as("older version").isFalse();
        assertThat(AcknowledgedUpdates.kept(last, "busy", 8)).as("a newer change nobody sent").isFalse();
    }

    @Test
    void anUnansweredAttemptAfterTheLastAcknowledgedOneMayHaveLandedButNeverRollsBack() {
        log.acknowledged("u", "away", 7);
        log.failed("u");
        AcknowledgedUpdates.Acknowledged last = log.last().get("u");

        assertThat(AcknowledgedUpdates.kept(last, "busy", 8)).isTrue();
        assertThat(AcknowledgedUpdates.kept(last, "away", 7)).isTrue();
        assertThat(AcknowledgedUpdates.kept(last, "online", 6)).isFalse();
        assertThat(log.acknowledged()).isEqualTo(1);
        assertThat(log.failed()).isEqualTo(1);
    }
}
