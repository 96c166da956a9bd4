package dev.incidentsla.edge.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;

/** A JSON value the strict binding refused; its message completes "'field' ..." and is the client's to read. */
public class RefusedInputException extends DatabindException {

    RefusedInputException(JsonParser parser, String message) {
        super(parser, message);
    }
}
