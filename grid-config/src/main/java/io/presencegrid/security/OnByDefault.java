package io.presencegrid.security;

import java.util.Locale;

/**
 * The reading of a security switch (PRESENCE_GRID_TLS, PRESENCE_GRID_AUTH): on unless it says off, so
 * that forgetting it never turns protection off; anything unrecognised is refused by name.
 */
public final class OnByDefault {

    private OnByDefault() {
    }

    public static boolean isOn(String variable, String value) {
        String normalized = value == null || value.isBlank() ? "on" : value.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException(variable + " must be on or off, was '" + value + "'");
        };
    }
}
