package io.presencegrid.api.web;

/** The grid could not answer (client node disconnected, cluster inactive, timeout): 503, retry later. */
public class GridUnavailableException extends RuntimeException {

    public GridUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
