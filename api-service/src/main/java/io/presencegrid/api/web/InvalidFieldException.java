package io.presencegrid.api.web;

/** A request field that breaks a rule: answered 400 with the field's name in the problem's detail. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
