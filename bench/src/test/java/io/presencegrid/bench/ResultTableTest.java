package io.presencegrid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void rowsWithoutAGoalLeaveMetBlankAndNotesFollowTheTable() {
        String table = ResultTable.markdown(List.of(ResultTable.row("a. puts", "10 puts/s", "", true),
                ResultTable.row("b. ratio", "0.3", ">= 0.5", false)), List.of("Note: the runs drifted."));

        assertThat(table).isEqualTo("""
                | measure | result | goal | met |
                |---|---|---|---|
                | a. puts | 10 puts/s |  |  |
                | b. ratio | 0.3 | >= 0.5 | **no** |

                Note: the runs drifted.
                """);
    }
}
