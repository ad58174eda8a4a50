package io.presencegrid.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthPropertiesTest {

    @Test
    void aSecretShorterThan32BytesStopsTheStart() {
        assertThatThrownBy(() -> new AuthProperties("short-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PRESENCE_JWT_SECRET").hasMessageContaining("12");
        assertThatThrownBy(() -> new AuthProperties(null)).hasMessageContaining("PRESENCE_JWT_SECRET");
        assertThatThrownBy(() -> new AuthProperties("")).hasMessageContaining("PRESENCE_JWT_SECRET");
    }

    @Test
    void thirtyTwoBytesAreEnough() {
        assertThat(new AuthProperties("x".repeat(32)).secretBytes()).hasSize(32);
    }

    @Test
    void onlyTheUserThemselfOrAnAdminMayActForAUser() {
        assertThat(new Caller("ann", false).mayActFor("ann")).isTrue();
        assertThat(new Caller("ann", false).mayActFor("bob")).isFalse();
        assertThat(new Caller("ops", true).mayActFor("bob")).isTrue();
    }
}
