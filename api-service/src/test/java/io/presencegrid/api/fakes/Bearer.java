package io.presencegrid.api.fakes;

import io.presencegrid.api.support.Tokens;

/**
 * Authorization header values for the fast tests, good and bad: the one place they mint tokens, so that
 * where token minting lives can change under them in one file.
 */
public final class Bearer {

    /** The HS256 secret the sliced API verifies with; drawn afresh per JVM. */
    static final String SECRET = Tokens.SECRET;

    private Bearer() {
    }

    public static String user(String userId) {
        return header(token(userId));
    }

    public static String admin(String userId) {
        return header(Tokens.admin(userId));
    }

    public static String expired(String userId) {
        return header(Tokens.expired(userId));
    }

    public static String signedWithAnotherSecret(String userId) {
        return header(Tokens.signedWith(Tokens.randomSecret(), userId));
    }

    /** alg none, claiming the admin scope. */
    public static String unsigned(String userId) {
        return header(Tokens.unsigned(userId));
    }

    /** The bare token, for where a client might put it other than the header. */
    public static String token(String userId) {
        return Tokens.user(userId);
    }

    private static String header(String token) {
        return "Bearer " + token;
    }
}
