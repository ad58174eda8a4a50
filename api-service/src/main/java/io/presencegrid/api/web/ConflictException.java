package io.presencegrid.api.web;

/** The request is well formed but the state it meets refuses it (a limit reached, a device offline): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
