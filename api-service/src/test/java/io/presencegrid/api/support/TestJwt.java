package io.presencegrid.api.support;

import io.presencegrid.clienttools.token.PresenceTokens;

/**
 * The HS256 secret the API under test verifies with, and client-tools' signer for it. Drawn afresh by
 * every test JVM: a secret written in the repository is one the API refuses.
 */
public final class TestJwt {

    public static final String SECRET = PresenceTokens.randomSecret();
    public static final PresenceTokens TOKENS = new PresenceTokens(SECRET);

    private TestJwt() {
    }
}
