package io.presencegrid.clienttools.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The signer behind scripts/token.sh: prints an HS256 token for USER, valid for an hour or for
 * {@code --valid-for SECONDS}, with the admin scope given {@code --admin}, signed with
 * {@link TokenSecret#fromEnvironment()}. token.sh answers --help, checks USER and SECONDS and makes sure
 * a secret exists before it runs this.
 */
public final class TokenCommand {

    private static final String USAGE = "Usage: TokenCommand USER [--admin] [--valid-for SECONDS]";

    private TokenCommand() {
    }

    public static void main(String[] args) {
        String user = null;
        boolean admin = false;
        Duration validFor = PresenceTokens.LIFETIME;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--admin")) {
                admin = true;
            } else if (arg.equals("--valid-for") && i + 1 < args.length) {
                try {
                    validFor = lifetime(args[++i]);
                } catch (IllegalArgumentException e) {
                    exit(2, e.getMessage());
                }
            } else if (user == null && !arg.startsWith("-")) {
                user = arg;
            } else {
                exit(2, USAGE);
            }
        }
        if (user == null) {
            exit(2, USAGE);
        }
        try {
            PresenceTokens tokens = PresenceTokens.fromEnvironment();
            String scope = admin ? PresenceTokens.ADMIN_SCOPE : PresenceTokens.USER_SCOPE;
            System.out.println(tokens.sign(PresenceTokens.claims(user, scope).expirationTime(Date.from(Instant.now().plus(validFor)))));
        } catch (RuntimeException e) {
            exit(1, e.getMessage());
        }
    }

    /**
     * A lifetime of 1 to 86,400 seconds: a token valid for longer than a day is a credential to guard, not
     * a dev token.
     */
    static Duration lifetime(String seconds) {
        long value;
        try {
            value = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1 || value > 86_400) {
            throw new IllegalArgumentException("--valid-for takes 1 to 86400 seconds, got '" + seconds + "'");
        }
        return Duration.ofSeconds(value);
    }

    private static void exit(int status, String message) {
        System.err.println(message);
        System.exit(status);
    }
}
