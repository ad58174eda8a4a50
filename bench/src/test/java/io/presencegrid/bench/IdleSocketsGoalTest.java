package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleSocketsGoalTest {

    @Test
    void everySocketAskedForOpenWithinSixteenKilobytesEachMeetsTheGoal() {
        assertThat(ResultRows.idleSocketsMeetGoal(new SocketCapacity.Result(19_000, 19_000, 0, 19_000, 11_633, 52))).isTrue();
    }

    @Test
    void aSocketOverSixteenKilobytesMissesIt() {
        assertThat(ResultRows.idleSocketsMeetGoal(new SocketCapacity.Result(19_000, 19_000, 0, 19_000, 16_385, 52))).isFalse();
    }

    @Test
    void socketsThatFailedToOpenOrThatTheApiDoesNotCountMissIt() {
        assertThat(ResultRows.idleSocketsMeetGoal(new SocketCapacity.Result(19_000, 18_999, 1, 18_999, 11_633, 52))).isFalse();
        assertThat(ResultRows.idleSocketsMeetGoal(new SocketCapacity.Result(19_000, 19_000, 0, 18_000, 11_633, 52))).isFalse();
    }
}
