package io.presencegrid.schema;

import java.util.Locale;

/** Why a user's presence changed; the {@code reason} of a presence event. */
public enum ChangeReason {
    UPDATE(1), EXPIRED(2), DISCONNECT(3), DELETED(4),
    /** Not stored as a row's reason: the reason of the one event a viewer gets when their access changes. */
    PRIVACY(5);

    /** Stored in PRESENCE rows as this fixed code, not the ordinal, so rows outlive a reordering. */
    private final byte code;

    ChangeReason(int code) {
        this.code = (byte) code;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeReason fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    byte code() {
        return code;
    }

    static ChangeReason fromCode(byte code) {
        for (ChangeReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown change reason code " + code);
    }
}
