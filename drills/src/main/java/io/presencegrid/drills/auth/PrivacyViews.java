package io.presencegrid.drills.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What a user's privacy lets one viewer see, checked on views as REST answers and socket frames carry
 * them. Each check is null when the view is as required, else says what it showed instead.
 */
final class PrivacyViews {

    /**
     * The members of a view (DESIGN.md, "A view"). The hidden view has exactly these: a member added to
     * views would be one more thing that could move with the user's presence, so it fails the check
     * until the hidden view is shown to keep it still.
     */
    static final Set<String> MEMBERS = Set.of("userId", "status", "message", "devices", "lastSeenAt", "updatedAt", "version");

    private PrivacyViews() {
    }

    /**
     * Null when {@code view} is exactly the hidden view of {@code userId} without last seen: offline, no
     * message, no devices, no times, version 0. The same as the view of an id nobody has used.
     */
    static String hidden(JsonNode view, String userId) {
        if (view == null || !view.isObject()) {
            return "expected the hidden view of " + userId + ", got " + view;
        }
        List<String> wrong = new ArrayList<>();
        Set<String> members = new TreeSet<>(view.propertyNames());
        if (!members.equals(new TreeSet<>(MEMBERS))) {
            wrong.add("members " + members);
        }
        if (!view.path("userId").isString() || !view.path("userId").asText().equals(userId)) {
            wrong.add("userId " + view.path("userId"));
        }
        if (!view.path("status").isString() || !view.path("status").asText().equals("offline")) {
            wrong.add("status " + view.path("status"));
        }
        if (!view.path("message").isNull()) {
            wrong.add("message " + view.path("message"));
        }
        if (!view.path("devices").isArray() || !view.path("devices").isEmpty()) {
            wrong.add("devices " + view.path("devices"));
        }
        if (!view.path("lastSeenAt").isNull()) {
            wrong.add("lastSeenAt " + view.path("lastSeenAt"));
        }
        if (!view.path("updatedAt").isNull()) {
            wrong.add("updatedAt " + view.path("updatedAt"));
        }
        if (!view.path("version").isIntegralNumber() || view.path("version").asLong() != 0) {
            wrong.add("version " + view.path("version"));
        }
        return wrong.isEmpty() ? null : "not the hidden view of " + userId + " (" + String.join(", ", wrong) + "): " + view;
    }

    /**
     * Null when {@code views} (a batch answer's or a snapshot's list) holds the view of {@code userId} and
     * every view of it, or of an id that differs from it in case only, is hidden: a repeat or a case
     * variant must not reach a view the id itself may not.
     */
    static String hiddenAmong(JsonNode views, String userId) {
        if (views == null || !views.isArray()) {
            return "expected a list of views, got " + views;
        }
        boolean found = false;
        for (JsonNode view : views) {
            String id = view.path("userId").asText();
            if (id.equalsIgnoreCase(userId)) {
                found |= id.equals(userId);
                String wrong = hidden(view, id);
                if (wrong != null) {
                    return wrong;
                }
            }
        }
        return found ? null : "no view of " + userId + " in " + views;
    }

    /**
     * Null when {@code view} shows {@code userId} as the user set it: the status, the message, at least
     * one device and a version. Holds for a view in an answer and for a presence event alike.
     */
    static String shown(JsonNode view, String userId, String status, String message) {
        if (view == null || !view.isObject()) {
            return "expected the view of " + userId + ", got " + view;
        }
        if (!view.path("userId").asText().equals(userId) || !view.path("status").asText().equals(status)
                || !view.path("message").asText().equals(message) || view.path("devices").isEmpty()
                || view.path("version").asLong() < 1) {
            return "expected " + userId + " " + status + " with message \"" + message + "\", devices and a version, got " + view;
        }
        return null;
    }

    /** The view of {@code userId} in {@code views}, a missing node if there is none. */
    static JsonNode viewOf(JsonNode views, String userId) {
        for (JsonNode view : views) {
            if (view.path("userId").asText().equals(userId)) {
                return view;
            }
        }
        return MissingNode.getInstance();
    }

    /** Null unless {@code text}, anything the API sent, carries one of the {@code secrets}. */
    static String leak(String text, String... secrets) {
        for (String secret : secrets) {
            if (text != null && text.contains(secret)) {
                return "LEAK: \"" + secret + "\" in " + Answers.abbreviate(text);
            }
        }
        return null;
    }

    /** Null when {@code privacy} is the setting of {@code userId} with these members, lists as given. */
    static String setting(JsonNode privacy, String userId, String presence, String lastSeen, List<String> allowed,
                          List<String> blocked) {
        if (!privacy.path("userId").asText().equals(userId) || !privacy.path("presence").asText().equals(presence)
                || !privacy.path("lastSeen").asText().equals(lastSeen) || !strings(privacy.path("allowed")).equals(allowed)
                || !strings(privacy.path("blocked")).equals(blocked)) {
            return "expected privacy of " + userId + " presence=" + presence + " lastSeen=" + lastSeen + " allowed=" + allowed
                    + " blocked=" + blocked + ", got " + privacy;
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (!array.isArray()) {
            strings.add(String.valueOf(array));
            return strings;
        }
        for (JsonNode element : array) {
            strings.add(element.isString() ? element.asText() : element.toString());
        }
        return strings;
    }
}
