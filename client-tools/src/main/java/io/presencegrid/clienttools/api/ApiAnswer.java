package io.presencegrid.clienttools.api;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Status, body and headers of one answer of the API, whatever its status. */
public record ApiAnswer(int status, String body, HttpResponse<String> raw) {

    /** The body as JSON; a body that is not JSON reads as a missing node. */
    public JsonNode json() {
        return Json.orMissing(body);
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** This answer when its status is {@code wanted}; otherwise fails, naming the request and what came back. */
    public ApiAnswer expect(int wanted) {
        if (status != wanted) {
            String path = raw.request().uri().getRawPath();
            throw new IllegalStateException(raw.request().method() + " " + abbreviate(path, 80) + " answered " + status
                    + ", not " + wanted + ": " + abbreviate(body, 500));
        }
        return this;
    }

    private static String abbreviate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length) + "...";
    }
}
