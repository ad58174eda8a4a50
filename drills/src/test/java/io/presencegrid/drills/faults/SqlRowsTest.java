package io.presencegrid.drills.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRowsTest {

    @Test
    void readsTheHeaderAndRowsOfSqllinesTableAndNothingElse() {
        String output = """
                Transaction isolation level TRANSACTION_REPEATABLE_READ is not supported.
                +---------------+---------+
                | SUBSCRIBER_ID | USER_ID |
                +---------------+---------+
                | fr-fan        | fr-on-00 |
                | fr-fan        |          |
                +---------------+---------+
                2 rows selected (0.01 seconds)
                """;

        assertThat(SqlRows.parse(output)).containsExactly(
                List.of("SUBSCRIBER_ID", "USER_ID"), List.of("fr-fan", "fr-on-00"), List.of("fr-fan", ""));
    }
}
