package io.presencegrid.drills.auth;

import io.presencegrid.clienttools.api.ApiAnswer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What DESIGN.md requires of an answer: the exact status, and errors as RFC 9457 problem+json. */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** Null when {@code answer} is {@code status} with a problem+json body that says the same. */
    static String problem(ApiAnswer answer, int status) {
        return problem(answer.status(), answer.header("Content-Type"), answer.body(), status);
    }

    static String problem(int actualStatus, String contentType, String body, int status) {
        if (actualStatus != status) {
            return "expected " + status + ", got " + actualStatus + " " + abbreviate(body);
        }
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return "status " + status + " but Content-Type " + contentType + ", not application/problem+json";
        }
        JsonNode problem = parse(body);
        if (problem.path("status").asInt() != status || problem.path("title").asText("").isEmpty()
                || problem.path("detail").asText("").isEmpty()) {
            return "problem body lacks status " + status + ", title or detail: " + abbreviate(body);
        }
        return null;
    }

    /** Null when {@code answer} has {@code status}. */
    static String status(ApiAnswer answer, int status) {
        return answer.status() == status ? null : "expected " + status + ", got " + answer.status() + " " + abbreviate(answer.body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String line = body.replaceAll("\\s+", " ");
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
