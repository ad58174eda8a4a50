package io.presencegrid.schema;

import java.util.Locale;

/**
 * A presence status. Stored and shown on the wire and in SQL by its lower-case {@link #wireName()},
 * so analysts can write {@code WHERE STATUS = 'online'}.
 */
public enum PresenceStatus {
    ONLINE, AWAY, BUSY, INVISIBLE, OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything that is not one of the five statuses */
    public static PresenceStatus fromWireName(String wireName) {
        for (PresenceStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + wireName + "'");
    }
}
