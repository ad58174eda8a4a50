package io.presencegrid.topology;

import java.util.Map;

/** How a node's settings read PRESENCE_* variables: blank is unset, and a bad number is refused by name. */
final class EnvironmentValues {

    private EnvironmentValues() {
    }

    static String text(Map<String, String> env, String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    static int integer(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
