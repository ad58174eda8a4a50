package io.presencegrid.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problems where Spring MVC does not: servlet filters, security handlers, the WebSocket
 * handshake and Tomcat's error valve. It writes with the application's JSON mapper, the one MVC
 * writes its own problems with (Spring Boot gives it Spring's ProblemDetail mix-in), so a problem has
 * the same members whichever layer wrote it; a mapper of its own would add {@code "properties":null}.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** The problem as JSON text, for writers that are no servlet response (Tomcat's valve, handshakes). */
    public String json(ProblemDetail problem) {
        return json.writeValueAsString(problem);
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
