package io.presencegrid.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 secrets a token may be signed with: the current one and, while a rotation overlaps, the
 * previous one. Each comes as a value or as a file. The API refuses to start with a secret shorter than
 * 32 bytes (HS256 with less is guessable) or with one that was ever published, since anyone could then
 * mint admin tokens: the secrets this repository once held are known here by their SHA-256 only.
 */
final class HmacSecrets {

    static final int MIN_SECRET_BYTES = 32;

    /** SHA-256 of each secret the repository published: the scripts' old dev secret and the tests' old one. */
    private static final Set<String> PUBLISHED = Set.of(
            "89124f0de72ed6d7d4251abdc4fe7644071aa42b1d1af40de7cdfacb5e8973d8",
            "e43c242098b5bab69bc8f8fb25d515d7faafe4409c1fd4a2189e1eb7bd617b27");

    private HmacSecrets() {
    }

    /** The configured secrets, current first; empty when HS256 is not configured at all. */
    static List<SecretKey> from(AuthProperties properties) {
        List<SecretKey> keys = new ArrayList<>(2);
        byte[] current = secret("PRESENCE_JWT_SECRET", properties.jwtSecret(), properties.jwtSecretFile());
        byte[] previous = secret("PRESENCE_JWT_PREVIOUS_SECRET", properties.jwtPreviousSecret(), properties.jwtPreviousSecretFile());
        if (current != null) {
            keys.add(new SecretKeySpec(current, "HmacSHA256"));
        }
        if (previous != null) {
            if (current == null) {
                throw new IllegalStateException("PRESENCE_JWT_PREVIOUS_SECRET is set without PRESENCE_JWT_SECRET: "
                        + "a rotation overlaps a new secret with the old one");
            }
            keys.add(new SecretKeySpec(previous, "HmacSHA256"));
        }
        return List.copyOf(keys);
    }

    private static byte[] secret(String variable, String value, String file) {
        boolean hasValue = value != null && !value.isEmpty();
        boolean hasFile = file != null && !file.isEmpty();
        if (hasValue && hasFile) {
            throw new IllegalStateException("set " + variable + " or " + variable + "_FILE, not both");
        }
        if (!hasValue && !hasFile) {
            return null;
        }
        String source = hasValue ? variable : variable + "_FILE (" + file + ")";
        byte[] secret = hasValue ? value.getBytes(StandardCharsets.UTF_8) : read(file, variable);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(source + " must be at least " + MIN_SECRET_BYTES + " bytes (it has "
                    + secret.length + "); scripts/cluster.sh up generates one into $PRESENCE_HOME/secrets");
        }
        if (PUBLISHED.contains(sha256(secret))) {
            throw new IllegalStateException(source + " is a secret published in the presence-grid repository, so "
                    + "anyone can sign tokens with it; generate one (openssl rand -base64 48)");
        }
        return secret;
    }

    /** The file's text without the line ending an editor or {@code echo} leaves at its end (as scripts/token.sh reads it). */
    private static byte[] read(String file, String variable) {
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return text.replaceFirst("[\\r\\n]+$", "").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(variable + "_FILE: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
