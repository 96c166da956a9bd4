package dev.incidentsla.edge.problem;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;

/** A JSON value the strict binding refused; its message completes "'field' ..." and is the client's to read. */
public class RefusedInputException extends DatabindException {

    public RefusedInputException(JsonParser parser, String message) {
        super(parser, message);
    }
}
