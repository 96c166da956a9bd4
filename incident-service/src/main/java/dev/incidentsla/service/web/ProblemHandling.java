package dev.incidentsla.service.web;

import dev.incidentsla.service.ConflictException;
import dev.incidentsla.service.NotFoundException;
import dev.incidentsla.service.RuleViolationException;
import dev.incidentsla.sla.engine.InvalidContractException;
import dev.incidentsla.sla.engine.UnknownEventException;
import dev.incidentsla.sla.policy.UnknownProductException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import java.net.URI;

/**
 * Every error as RFC 9457 problem details, with a useful {@code detail} and never a stack trace: 400 malformed,
 * 404 unknown, 409 state conflict, 413 too large, 422 rule broken.
 */
@RestControllerAdvice
class ProblemHandling {

    private static final System.Logger LOG = System.getLogger(ProblemHandling.class.getName());

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, ServerWebExchange exchange) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), exchange);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, ServerWebExchange exchange) {
        return problem(HttpStatus.CONFLICT, "Conflict with the resource's state", e.getMessage(), exchange);
    }

    @ExceptionHandler({RuleViolationException.class, InvalidContractException.class, UnknownProductException.class,
            UnknownEventException.class})
    ResponseEntity<ProblemDetail> ruleViolation(RuntimeException e, ServerWebExchange exchange) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Rule violated", e.getMessage(), exchange);
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e, ServerWebExchange exchange) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed request", e.getMessage(), exchange);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        if (causedBy(e, DataBufferLimitException.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", rootMessage(e), exchange);
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed request", readable(e), exchange);
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e, ServerWebExchange exchange) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", e.getMessage(), exchange);
    }

    @ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(org.springframework.web.server.ResponseStatusException e, ServerWebExchange exchange) {
        String title = e.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value() ? "Request body too large" : "Request refused";
        return problem(e.getStatusCode(), title, rootMessage(e), exchange);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        LOG.log(System.Logger.Level.ERROR, "unexpected error on " + exchange.getRequest().getPath(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the service failed to handle this request; it is logged", exchange);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String title, String detail,
                                                         ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String readable(ServerWebInputException e) {
        if (e.getCause() instanceof DecodingException decoding) {
            return "the body is not valid JSON of the expected shape: " + rootMessage(decoding);
        }
        return e.getReason() == null ? rootMessage(e) : e.getReason() + ": " + rootMessage(e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int firstLine = message.indexOf('\n');
        return firstLine < 0 ? message : message.substring(0, firstLine);
    }
}
