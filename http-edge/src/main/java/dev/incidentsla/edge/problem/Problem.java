package dev.incidentsla.edge.problem;

import org.springframework.http.HttpStatus;

/**
 * An error as RFC 9457 describes it, before it is written. {@code detail} is for the client: it names the field and
 * what was expected, never a class, a stack frame or a framework's own wording.
 */
public record Problem(HttpStatus status, String title, String detail) {

    public static Problem malformed(String detail) {
        return new Problem(HttpStatus.BAD_REQUEST, "Malformed request", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(HttpStatus.CONFLICT, "Conflict with the resource's state", detail);
    }

    public static Problem ruleViolated(String detail) {
        return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, "Rule violated", detail);
    }

    public static Problem internal() {
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the service failed to handle this request; it is logged");
    }
}
