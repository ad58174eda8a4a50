package io.presencegrid.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A secret named by an environment variable, given either as its value ({@code NAME}) or as a file that
 * holds it ({@code NAME_FILE}), the form containers and secret stores mount. Never both: which one wins
 * would be a guess.
 */
public final class Secrets {

    private Secrets() {
    }

    /** The secret, or empty when neither {@code name} nor {@code name_FILE} is set. */
    public static Optional<String> valueOrFile(Map<String, String> env, String name) {
        return valueOrFile(name, env.get(name), env.get(name + "_FILE"));
    }

    /** As {@link #valueOrFile(Map, String)}, with the value and the file path already looked up. */
    public static Optional<String> valueOrFile(String name, String value, String file) {
        boolean hasValue = value != null && !value.isEmpty();
        boolean hasFile = file != null && !file.isBlank();
        if (hasValue && hasFile) {
            throw new IllegalArgumentException("set " + name + " or " + name + "_FILE, not both");
        }
        if (hasValue) {
            return Optional.of(value);
        }
        return hasFile ? Optional.of(read(name, Path.of(file.trim()))) : Optional.empty();
    }

    /** The file's text without the line ending an editor or {@code echo} leaves at its end. */
    private static String read(String name, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("[\\r\\n]+$", "");
            if (text.isEmpty()) {
                throw new IllegalArgumentException(name + "_FILE: " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException(name + "_FILE: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
