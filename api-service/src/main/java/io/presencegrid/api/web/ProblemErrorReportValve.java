package io.presencegrid.api.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last word on a request it could not even hand to the application (a request line or
 * headers over the 8 KiB limit, an undecodable or illegal URI): a problem+json instead of Tomcat's
 * HTML error page. Runs in Tomcat's host pipeline, outside Spring.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final ProblemWriter problems;

    /** Tomcat makes no valve of its own by the class name the host is given: this one is in the pipeline already. */
    ProblemErrorReportValve(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        ProblemDetail problem = Problems.of(status == null ? HttpStatus.BAD_REQUEST : status,
                "request: the URI, its encoding or the headers could not be read (" + code + ")", request.getRequestURI());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problems.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already committed: nothing left to tell the client.
        }
    }
}
