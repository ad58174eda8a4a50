package io.presencegrid.bench;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few string fields a load client needs from the API's JSON frames. The frames are the
 * API's own flat JSON (DESIGN.md, WebSocket messages); a JSON library would cost the client more CPU
 * per event than the server spends sending it, on a machine both share.
 */
final class Frames {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z]+)\"");
    private static final Pattern USER_ID = Pattern.compile("\"type\":\"presence\",\"userId\":\"([^\"]+)\"");
    private static final Pattern REASON = Pattern.compile("\"reason\":\"([a-z]+)\"");
    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    /** A member frame's fields, in the order the API writes them. */
    private static final Pattern MEMBER = Pattern.compile("\"type\":\"member\",\"channel\":\"[^\"]+\",\"userId\":\"([^\"]+)\",\"event\":\"([a-z]+)\"");

    private Frames() {
    }

    static String type(String frame) {
        return group(TYPE, frame);
    }

    /** The user a {@code presence} event is about; null for any other frame. */
    static String presenceUser(String frame) {
        return group(USER_ID, frame);
    }

    /** {user, event} of a watched channel's {@code member} frame; null for any other frame. */
    static String[] member(String frame) {
        Matcher matcher = MEMBER.matcher(frame);
        return matcher.find() ? new String[] {matcher.group(1), matcher.group(2)} : null;
    }

    static String reason(String frame) {
        return group(REASON, frame);
    }

    /** The grid's time of the change a {@code presence} event reports; null when the frame has none. */
    static Instant at(String frame) {
        String at = group(AT, frame);
        return at == null ? null : Instant.parse(at);
    }

    private static String group(Pattern pattern, String frame) {
        Matcher matcher = pattern.matcher(frame);
        return matcher.find() ? matcher.group(1) : null;
    }
}
