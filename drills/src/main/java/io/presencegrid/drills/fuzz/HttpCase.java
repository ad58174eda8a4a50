package io.presencegrid.drills.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One generated request and what may come back. {@code expected} empty means any answer below 500;
 * otherwise the status must be one of them (429 always passes for an authenticated caller: it is the
 * rate limit doing its job).
 *
 * @param chunked send the body without Content-Length, so the API must stop reading it by itself
 */
record HttpCase(long index, String kind, String method, String path, String token, String accept,
                String contentType, byte[] body, boolean chunked, Set<Integer> expected) {

    static final Set<Integer> ANY = Set.of();

    /** For a failure line: the request, with the body cut to a readable length. */
    String describe() {
        String text = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        String shortPath = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        return "case " + index + " " + kind + ": " + method + " " + shortPath
                + (body == null ? "" : " body(" + body.length + (chunked ? " chunked" : "") + ")=" + text)
                + (token == null ? " no-token" : "") + (accept == null ? "" : " Accept=" + accept);
    }
}
