package io.presencegrid.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the servlet container sends what never reached a controller: requests Spring
 * Security's firewall rejects ({@code //}, {@code ;}, encoded control characters), and errors raised
 * by {@code sendError}. Replaces Boot's BasicErrorController, whose answers were JSON of another shape
 * or a whitelabel HTML page, and an empty body when the Accept header matched neither. Written
 * straight to the response, so no Accept header can turn the problem into a 406. Left out of the
 * OpenAPI document: no client calls it, and every operation there lists the problems it may answer.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    private final PresenceRejections rejections;
    private final ProblemWriter problems;

    ProblemErrorController(PresenceRejections rejections, ProblemWriter problems) {
        this.rejections = rejections;
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        // A server error's message may describe internals; a client error's says what was wrong with the request.
        String detail = status.is4xxClientError() && message instanceof String text && !text.isBlank()
                ? "request: " + text : "request: " + status.getReasonPhrase().toLowerCase();
        if (status.is4xxClientError()) {
            rejections.count("invalid");
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = Problems.of(status, detail, path instanceof String text ? text : null);
        response.resetBuffer();
        problems.write(response, problem);
    }
}
