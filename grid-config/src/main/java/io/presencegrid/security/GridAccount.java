package io.presencegrid.security;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The account a tool logs in to the grid with (thin client, JDBC, the control utility): PRESENCE_GRID_USER
 * and PRESENCE_GRID_PASSWORD, or PRESENCE_GRID_PASSWORD_FILE. The scripts point them at the operator's or
 * the analyst's generated password.
 */
public record GridAccount(String user, String password) {

    public static final String USER = "PRESENCE_GRID_USER";
    public static final String PASSWORD = "PRESENCE_GRID_PASSWORD";

    /** The account of this process's environment, or empty when PRESENCE_GRID_USER is unset or blank. */
    public static Optional<GridAccount> fromEnvironment(Map<String, String> env) {
        String user = env.get(USER);
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        String password = Secrets.valueOrFile(env, PASSWORD).orElseThrow(() -> new IllegalArgumentException(
                PASSWORD + " or " + PASSWORD + "_FILE must give the password of " + user.trim()));
        return Optional.of(new GridAccount(user.trim(), password));
    }

    /** The JDBC thin driver's connection properties for this account. */
    public Properties jdbcProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return properties;
    }

    @Override
    public String toString() {
        return "GridAccount[" + user + "]";
    }
}
