package io.presencegrid.api.web;

/** The addressed resource does not exist (never seen, or deleted): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
