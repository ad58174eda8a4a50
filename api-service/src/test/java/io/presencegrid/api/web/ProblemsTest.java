package io.presencegrid.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aPathKeepsThePercentEscapesTheClientSent() {
        assertThat(Problems.instance("/v1/channels/bad%20id/join")).hasToString("/v1/channels/bad%20id/join");
    }

    @Test
    void aPathThatIsNoValidUriHasItsIllegalCharactersQuoted() {
        assertThat(Problems.instance("/v1/status/a b|c")).hasToString("/v1/status/a%20b%7Cc");
    }

    @Test
    void aPathThatWouldReadAsAnotherHostOrSchemeStaysAPath() {
        assertThat(Problems.instance("//evil.example/x")).hasToString("/evil.example/x");
        assertThat(Problems.instance("javascript:alert(1)")).hasToString("/javascript:alert(1)");
    }

    @Test
    void noPathIsTheRoot() {
        assertThat(Problems.instance(null)).hasToString("/");
        assertThat(Problems.instance("")).hasToString("/");
    }
}
