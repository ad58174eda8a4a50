package io.presencegrid.topology;

import java.util.Locale;
import java.util.Map;

/**
 * How a node writes its log, from PRESENCE_LOG_FORMAT: {@code text} (the default) to its log file, or
 * {@code json}, one JSON object per line on standard output, for a container platform or a log
 * shipper that collects stdout and parses it. Grid nodes and API nodes read it alike.
 */
public enum LogFormat {
    TEXT, JSON;

    public static final String VARIABLE = "PRESENCE_LOG_FORMAT";

    public static LogFormat fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(VARIABLE + " must be text or json, was '" + value + "'");
        };
    }
}
