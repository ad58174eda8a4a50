package io.presencegrid.clienttools.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The API's HS256 secret where the scripts keep it: PRESENCE_JWT_SECRET; unset, the file
 * PRESENCE_JWT_SECRET_FILE names; unset too, {@code $PRESENCE_HOME/secrets/jwt-secret} (PRESENCE_HOME
 * defaulting to {@code var}). Only read here: {@code ensure_jwt_secret} in scripts/lib/common.sh is the one
 * place that generates it, for token.sh and cluster.sh alike, so both always agree on the file.
 */
public final class TokenSecret {

    /** As the API and token.sh require: HS256 with a shorter key is guessable. */
    static final int MINIMUM_BYTES = 32;

    private TokenSecret() {
    }

    public static String fromEnvironment() {
        return from(System.getenv());
    }

    static String from(Map<String, String> environment) {
        String secret = environment.get("PRESENCE_JWT_SECRET");
        if (secret == null || secret.isEmpty()) {
            secret = read(file(environment));
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MINIMUM_BYTES) {
            throw new IllegalStateException("the JWT secret must be at least " + MINIMUM_BYTES + " bytes (it has " + bytes + ")");
        }
        return secret;
    }

    private static Path file(Map<String, String> environment) {
        String file = environment.get("PRESENCE_JWT_SECRET_FILE");
        if (file != null && !file.isEmpty()) {
            return Path.of(file);
        }
        String home = environment.getOrDefault("PRESENCE_HOME", "");
        return Path.of(home.isEmpty() ? "var" : home, "secrets", "jwt-secret");
    }

    /** The file's text without the line ending an editor or {@code echo} leaves at its end, as common.sh reads it. */
    private static String read(Path file) {
        try {
            String text = Files.readString(file).replaceFirst("\\n+$", "");
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT secret file " + file
                    + " (PRESENCE_JWT_SECRET_FILE; scripts/token.sh generates one)", e);
        }
    }
}
