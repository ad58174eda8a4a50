package io.presencegrid.api.presence;

import io.presencegrid.api.web.InvalidFieldException;
import io.presencegrid.schema.PresenceStatus;
import java.util.regex.Pattern;

/**
 * What a status update may say, in one place for both ways it arrives: the REST body's annotations name
 * these constants, and a socket's {@code status} frame is checked with the methods.
 */
public final class StatusRules {

    public static final String STATUSES = "online|away|busy|invisible|offline";
    public static final String STATUS_RULE = "must be one of online, away, busy, invisible, offline";
    public static final int MESSAGE_MAX_LENGTH = 140;
    public static final String MESSAGE_RULE = "at most 140 characters";
    /** Compiled once: every socket status frame is checked against it. */
    private static final Pattern STATUS = Pattern.compile(STATUSES);

    private StatusRules() {
    }

    /** @throws InvalidFieldException naming {@code status} for anything but the five wire names */
    public static PresenceStatus requireStatus(String wireName) {
        if (wireName == null || !STATUS.matcher(wireName).matches()) {
            throw new InvalidFieldException("status", STATUS_RULE);
        }
        return PresenceStatus.fromWireName(wireName);
    }

    /** @throws InvalidFieldException naming {@code message} when it is longer than allowed; null passes */
    public static String requireMessage(String message) {
        if (message != null && message.length() > MESSAGE_MAX_LENGTH) {
            throw new InvalidFieldException("message", MESSAGE_RULE);
        }
        return message;
    }
}
