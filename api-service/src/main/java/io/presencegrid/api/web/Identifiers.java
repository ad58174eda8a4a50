package io.presencegrid.api.web;

import java.util.regex.Pattern;

/** The one rule for user, subscriber and device ids (DESIGN.md): {@code [A-Za-z0-9._@-]{1,64}}. */
public final class Identifiers {

    public static final String PATTERN = "[A-Za-z0-9._@-]{1,64}";
    public static final String RULE = "must match " + PATTERN;

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Identifiers() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** @throws InvalidFieldException naming {@code field} when {@code id} breaks the rule */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw new InvalidFieldException(field, RULE);
        }
        return id;
    }
}
