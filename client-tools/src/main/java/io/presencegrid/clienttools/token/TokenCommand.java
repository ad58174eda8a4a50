package io.presencegrid.clienttools.token;

/**
 * The signer behind scripts/token.sh: prints a one-hour HS256 token for USER, with the admin scope given
 * {@code --admin}, signed with {@link TokenSecret#fromEnvironment()}. token.sh answers --help, checks USER
 * and makes sure a secret exists before it runs this.
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        String user = null;
        boolean admin = false;
        for (String arg : args) {
            if (arg.equals("--admin")) {
                admin = true;
            } else if (user == null && !arg.startsWith("-")) {
                user = arg;
            } else {
                exit(2, "Usage: TokenCommand USER [--admin]");
            }
        }
        if (user == null) {
            exit(2, "Usage: TokenCommand USER [--admin]");
        }
        try {
            PresenceTokens tokens = PresenceTokens.fromEnvironment();
            System.out.println(admin ? tokens.admin(user) : tokens.user(user));
        } catch (RuntimeException e) {
            exit(1, e.getMessage());
        }
    }

    private static void exit(int status, String message) {
        System.err.println(message);
        System.exit(status);
    }
}
