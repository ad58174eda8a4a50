package io.presencegrid.schema;

import java.util.Locale;

/** Why a user's presence changed; the {@code reason} of a presence event. */
public enum ChangeReason {
    UPDATE, EXPIRED, DISCONNECT, DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeReason fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
