package io.presencegrid.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status and version of each user in a batch read, {@code GET /v1/status?userIds=...}, whose body is
 * {@code {"presence":[views]}} with each view's {@code userId} first and its own {@code status} second
 * (the API's PresenceView). Read with patterns rather than a JSON library, as {@link Frames} reads
 * socket frames. A {@code status} inside {@code devices} comes after the view's own, and a quote in a
 * message is escaped, so neither can be taken for the view's.
 */
final class PresenceReadings {

    private static final Pattern VIEW = Pattern.compile("\"userId\":\"([^\"]+)\",\"status\":\"([a-z]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    /** One user's presence as read: its status and the version of its presence row (0 for a user never seen). */
    record Reading(String status, long version) {

        boolean online() {
            return "online".equals(status);
        }
    }

    private PresenceReadings() {
    }

    /** Every view of the body by user id, in the body's order. */
    static Map<String, Reading> parse(String body) {
        Map<String, Reading> readings = new LinkedHashMap<>();
        Matcher view = VIEW.matcher(body);
        boolean found = view.find();
        while (found) {
            String userId = view.group(1);
            String status = view.group(2);
            int end = view.end();
            found = view.find();
            Matcher version = VERSION.matcher(body).region(end, found ? view.start() : body.length());
            if (!version.find()) {
                throw new IllegalArgumentException("no version in the view of " + userId);
            }
            readings.put(userId, new Reading(status, Long.parseLong(version.group(1))));
        }
        return readings;
    }
}
