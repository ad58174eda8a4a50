package io.presencegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.junit.jupiter.api.Test;

class GridUsersTest {

    private static final String OPERATOR = "operator-password-0123456789";
    private static final String ANALYST = "analyst-password-0123456789";

    private final GridUsers users = GridUsers.of(OPERATOR, ANALYST);

    @Test
    void eachAccountLogsInWithItsOwnPasswordOnly() {
        assertThat(users.authenticate("operator", OPERATOR)).contains(GridRole.OPERATOR);
        assertThat(users.authenticate("analyst", ANALYST)).contains(GridRole.ANALYST);
        assertThat(users.authenticate("analyst", OPERATOR)).isEmpty();
        assertThat(users.authenticate("operator", OPERATOR + "x")).isEmpty();
        assertThat(users.authenticate("root", OPERATOR)).isEmpty();
        assertThat(users.authenticate(null, null)).isEmpty();
        assertThat(GridUsers.none().authenticate("operator", OPERATOR)).isEmpty();
    }

    @Test
    void theAnalystMayReadAndNothingElseTheOperatorAndNodesEverythingASubjectNotYetKnownNothing() {
        for (SecurityPermission permission : SecurityPermission.values()) {
            assertThat(GridRole.ANALYST.allows(permission)).as(permission.name()).isEqualTo(permission == SecurityPermission.CACHE_READ);
            assertThat(GridRole.OPERATOR.allows(permission)).isTrue();
            assertThat(GridRole.NODE.allows(permission)).isTrue();
            assertThat(GridRole.NOT_YET_KNOWN.allows(permission)).as(permission.name()).isFalse();
        }
    }

    @Test
    void anAccountIdIsTheSameOnEveryNodeAndLeadsBackToItsRole() {
        PresenceSubject analyst = PresenceSubject.account("analyst", GridRole.ANALYST, null);

        assertThat(PresenceSubject.ofAccount(analyst.id())).extracting(PresenceSubject::role).isEqualTo(GridRole.ANALYST);
        assertThat(PresenceSubject.ofAccount(PresenceSubject.accountId("operator"))).extracting(PresenceSubject::role)
                .isEqualTo(GridRole.OPERATOR);
        assertThat(PresenceSubject.ofAccount(java.util.UUID.randomUUID())).isNull();
    }

    @Test
    void shortPasswordsAndUnknownModesAreRefusedByName() {
        assertThatThrownBy(() -> GridUsers.of("short", null)).hasMessageContaining("PRESENCE_GRID_OPERATOR_PASSWORD");
        assertThatThrownBy(() -> GridUsers.fromEnvironment(Map.of())).hasMessageContaining("PRESENCE_GRID_OPERATOR_PASSWORD_FILE");
        assertThatThrownBy(() -> GridUsers.enabled(Map.of("PRESENCE_GRID_AUTH", "perhaps"))).hasMessageContaining("on or off");
        assertThat(GridUsers.enabled(Map.of())).isTrue();
        assertThat(GridUsers.enabled(Map.of("PRESENCE_GRID_AUTH", "off"))).isFalse();
    }

    @Test
    void passwordsNeverPrint() {
        assertThat(users.toString()).doesNotContain(OPERATOR).doesNotContain(ANALYST);
        assertThat(new GridAccount("analyst", ANALYST).toString()).doesNotContain(ANALYST);
    }
}
