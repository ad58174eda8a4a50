package io.presencegrid.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void onlyTheUserThemselfOrAnAdminMayActForAUser() {
        assertThat(new Caller("ann", false).mayActFor("ann")).isTrue();
        assertThat(new Caller("ann", false).mayActFor("bob")).isFalse();
        assertThat(new Caller("ops", true).mayActFor("bob")).isTrue();
    }
}
