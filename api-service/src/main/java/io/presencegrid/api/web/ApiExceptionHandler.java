package io.presencegrid.api.web;

import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of the API as RFC 9457 problem+json whose {@code detail} names the offending field.
 * Bad input is always a 4xx; a 500 means a bug.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final PresenceRejections rejections;

    ApiExceptionHandler(PresenceRejections rejections) {
        this.rejections = rejections;
    }

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e, WebRequest request) {
        rejections.count("invalid");
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e, WebRequest request) {
        rejections.count("not_found");
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), request);
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e, WebRequest request) {
        rejections.count("conflict");
        return problem(HttpStatus.CONFLICT, e.getMessage(), request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e, WebRequest request) {
        rejections.count("forbidden");
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), request);
    }

    /**
     * A form-encoded body Tomcat cannot decode (bytes that are no UTF-8): the client's fault, answered
     * like any malformed body rather than escaping as a server error with a stack trace in the log.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameters(InvalidParameterException e, WebRequest request) {
        rejections.count("invalid");
        return problem(HttpStatus.BAD_REQUEST, "request body: form parameters could not be decoded", request);
    }

    @ExceptionHandler(GridUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(GridUnavailableException e, WebRequest request) {
        rejections.count("unavailable");
        LOG.warn("Grid unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "the presence grid is unavailable, retry shortly", request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        rejections.count("invalid");
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, RequestSizeLimitFilter.BodyTooLargeException.class)) {
            rejections.count("too_large");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(RequestSizeLimitFilter.tooLarge(path(request)));
        }
        rejections.count("invalid");
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, unreadableDetail(e), request));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (status.is4xxClientError()) {
            rejections.count("invalid");
        }
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem) {
            Problems.complete(problem, path(request));
        }
        return answer;
    }

    /** Names the JSON field that could not be read, e.g. "status: expected a string". */
    private static String unreadableDetail(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return field + ": wrong type or value";
        }
        return "request body: malformed JSON";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail problem(HttpStatus status, String detail, WebRequest request) {
        return Problems.of(status, detail, path(request));
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "/";
    }
}
