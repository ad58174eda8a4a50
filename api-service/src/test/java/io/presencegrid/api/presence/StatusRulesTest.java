package io.presencegrid.api.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencegrid.api.web.InvalidFieldException;
import io.presencegrid.schema.PresenceStatus;
import org.junit.jupiter.api.Test;

/** The one rule set a REST body and a socket frame are both held to. */
class StatusRulesTest {

    @Test
    void theFiveWireNamesAndNothingElse() {
        assertThat(StatusRules.requireStatus("busy")).isEqualTo(PresenceStatus.BUSY);
        assertThat(StatusRules.requireStatus("invisible")).isEqualTo(PresenceStatus.INVISIBLE);
        for (String wrong : new String[] {"BUSY", " busy", "idle", ""}) {
            assertThatThrownBy(() -> StatusRules.requireStatus(wrong)).as(wrong).isInstanceOf(InvalidFieldException.class)
                    .hasMessageContaining(StatusRules.STATUS_RULE);
        }
        assertThatThrownBy(() -> StatusRules.requireStatus(null)).isInstanceOf(InvalidFieldException.class);
    }

    @Test
    void aMessageOf140CharactersPassesAndOneMoreDoesNot() {
        assertThat(StatusRules.requireMessage("x".repeat(140))).hasSize(140);
        assertThat(StatusRules.requireMessage(null)).isNull();
        assertThatThrownBy(() -> StatusRules.requireMessage("x".repeat(141))).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining(StatusRules.MESSAGE_RULE);
    }
}
