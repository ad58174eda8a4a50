package io.presencegrid.clienttools.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "60", "86400"})
    void aLifetimeOfOneSecondToADayIsTaken(String seconds) {
        assertThat(TokenCommand.lifetime(seconds)).isEqualTo(Duration.ofSeconds(Long.parseLong(seconds)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "86401", "an hour", "", "1e3"})
    void anyOtherLifetimeIsRefusedNamingTheOption(String seconds) {
        assertThatThrownBy(() -> TokenCommand.lifetime(seconds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--valid-for").hasMessageContaining(seconds);
    }
}
