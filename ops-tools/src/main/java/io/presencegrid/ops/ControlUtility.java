package io.presencegrid.ops;

import io.presencegrid.security.GridAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ignite.internal.commandline.CommandHandler;

/**
 * Ignite's control utility logged in with the account of this process's environment (PRESENCE_GRID_USER,
 * PRESENCE_GRID_PASSWORD or its file), added to its arguments here, inside the JVM, so that the password
 * is in no process list.
 */
public final class ControlUtility {

    private ControlUtility() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        Optional<GridAccount> account;
        try {
            account = arguments.contains("--user") || arguments.contains("--help") || arguments.contains("-h")
                    ? Optional.empty() : GridAccount.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException badSetting) {
            System.err.println("control utility not started: " + badSetting.getMessage());
            System.exit(CommandHandler.EXIT_CODE_INVALID_ARGUMENTS);
            return;
        }
        account.ifPresent(login -> arguments.addAll(0, List.of("--user", login.user(), "--password", login.password())));
        QuietPasswordWarning logger = new QuietPasswordWarning(CommandHandler.setupJavaLogger("control-utility", ControlUtility.class));
        System.exit(new CommandHandler(logger).execute(arguments));
    }
}
