package io.presencegrid.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts thin clients, JDBC, Ignite REST and the control utility log in with: {@code operator} and
 * {@code analyst}, their passwords from PRESENCE_GRID_OPERATOR_PASSWORD and PRESENCE_GRID_ANALYST_PASSWORD
 * (or the {@code _FILE} form). Every server node is given the same; an API node is given none and lets no
 * one in through its own thin-client port.
 */
public final class GridUsers {

    public static final String MODE = "PRESENCE_GRID_AUTH";
    public static final String OPERATOR = "operator";
    public static final String ANALYST = "analyst";
    public static final String OPERATOR_PASSWORD = "PRESENCE_GRID_OPERATOR_PASSWORD";
    public static final String ANALYST_PASSWORD = "PRESENCE_GRID_ANALYST_PASSWORD";

    /** Shorter passwords are guessable over a thin-client port; the scripts generate 64 characters. */
    static final int MIN_PASSWORD_LENGTH = 16;

    private final Map<String, Account> accounts;

    private record Account(GridRole role, byte[] password) {
    }

    private GridUsers(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    /** No accounts: nothing logs in (API and bench client nodes, which carry the plugin but no users). */
    public static GridUsers none() {
        return new GridUsers(Map.of());
    }

    /** The operator and, when given, the analyst. */
    public static GridUsers of(String operatorPassword, String analystPassword) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        accounts.put(OPERATOR, new Account(GridRole.OPERATOR, checked(OPERATOR_PASSWORD, operatorPassword)));
        if (analystPassword != null) {
            accounts.put(ANALYST, new Account(GridRole.ANALYST, checked(ANALYST_PASSWORD, analystPassword)));
        }
        return new GridUsers(Map.copyOf(accounts));
    }

    /** Whether this process enforces authentication: on unless {@code PRESENCE_GRID_AUTH=off}. */
    public static boolean enabled(Map<String, String> env) {
        return OnByDefault.isOn(MODE, env.get(MODE));
    }

    /** A server node's accounts from its environment; the operator's password is required. */
    public static GridUsers fromEnvironment(Map<String, String> env) {
        String operator = Secrets.valueOrFile(env, OPERATOR_PASSWORD).orElseThrow(() -> new IllegalArgumentException(
                OPERATOR_PASSWORD + " or " + OPERATOR_PASSWORD + "_FILE must give the operator's password (" + MODE + " is on)"));
        return of(operator, Secrets.valueOrFile(env, ANALYST_PASSWORD).orElse(null));
    }

    /** The role of {@code login} when {@code password} is its password; compared in constant time. */
    public Optional<GridRole> authenticate(String login, String password) {
        Account account = login == null ? null : accounts.get(login);
        if (account == null || password == null) {
            return Optional.empty();
        }
        boolean matches = MessageDigest.isEqual(account.password(), password.getBytes(StandardCharsets.UTF_8));
        return matches ? Optional.of(account.role()) : Optional.empty();
    }

    /** The role of an account, whatever its password: to rebuild a caller's context on another node. */
    Optional<GridRole> roleOf(String login) {
        return Optional.ofNullable(accounts.get(login)).map(Account::role);
    }

    private static byte[] checked(String variable, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(variable + " must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GridUsers" + accounts.keySet();
    }
}
