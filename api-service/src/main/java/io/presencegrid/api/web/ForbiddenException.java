package io.presencegrid.api.web;

/** The caller may not act for the addressed user: 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
