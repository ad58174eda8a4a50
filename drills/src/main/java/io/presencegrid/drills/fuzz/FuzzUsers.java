package io.presencegrid.drills.fuzz;

import io.presencegrid.clienttools.token.ForeignTokens;
import io.presencegrid.clienttools.token.PresenceTokens;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fuzz run's callers: many users, so that concurrent cases stay under each one's rate limit (20
 * per second) and a 429 remains the exception; a few subscription targets and device ids, so that the
 * valid requests among the hostile ones do not grow the grid without bound.
 */
final class FuzzUsers {

    private static final int TARGETS = 50;
    private static final int DEVICES = 4;

    private final PresenceTokens tokens;
    private final String prefix;
    private final AtomicReferenceArray<String> signed;
    private final String admin;
    private final String[] badTokens;

    FuzzUsers(PresenceTokens tokens, String prefix, int users) {
        this.tokens = tokens;
        this.prefix = prefix;
        this.signed = new AtomicReferenceArray<>(users);
        this.admin = tokens.admin(prefix + "admin");
        String valid = tokens.user(prefix + "forged");
        this.badTokens = new String[] {
            "", "x", "Bearer", valid.substring(0, valid.lastIndexOf('.') + 1), valid + "x",
            ForeignTokens.hs256("a-different-secret-that-is-long-enough!!".getBytes(), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                    .subject(prefix + "forged").expirationTime(new java.util.Date(System.currentTimeMillis() + 3_600_000)).build()),
        };
    }

    int pick(SplittableRandom random) {
        return random.nextInt(signed.length());
    }

    String id(int user) {
        return prefix + user;
    }

    /** Signed once per user and reused: signing is not what the drill measures. */
    String token(int user) {
        String token = signed.get(user);
        if (token == null) {
            token = tokens.user(id(user));
            signed.compareAndSet(user, null, token);
        }
        return token;
    }

    String admin() {
        return admin;
    }

    String badToken(SplittableRandom random) {
        return badTokens[random.nextInt(badTokens.length)];
    }

    String target(SplittableRandom random) {
        return prefix + "t" + random.nextInt(TARGETS);
    }

    String device(SplittableRandom random) {
        return "d" + random.nextInt(DEVICES);
    }
}
