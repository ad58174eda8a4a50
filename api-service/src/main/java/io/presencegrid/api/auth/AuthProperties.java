package io.presencegrid.api.auth;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The JWT secret ({@code presence.auth.jwt-secret}, from PRESENCE_JWT_SECRET). The API refuses to
 * start without one of at least 32 bytes: HS256 with a shorter key is guessable.
 */
@ConfigurationProperties("presence.auth")
public record AuthProperties(String jwtSecret) {

    public static final int MIN_SECRET_BYTES = 32;

    public AuthProperties {
        int length = jwtSecret == null ? 0 : jwtSecret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("PRESENCE_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes (it has " + length + "); scripts/cluster.sh supplies a dev secret when it is unset");
        }
    }

    public byte[] secretBytes() {
        return jwtSecret.getBytes(StandardCharsets.UTF_8);
    }
}
