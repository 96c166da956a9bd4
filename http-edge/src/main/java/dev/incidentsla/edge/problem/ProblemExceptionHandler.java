package dev.incidentsla.edge.problem;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every error a request meets after the server has read it, as a problem: the services' own (through their
 * {@link ProblemMapping}s), Spring's refusals (415, 406, 405, 404, 413, unreadable bodies and parameters), and
 * anything unexpected as a logged 500. Runs before Spring Boot's default handler, which would answer in its own
 * JSON and, for a client that accepts no JSON, in nothing at all.
 * <p>
 * It also answers the requests Spring Security's firewall refuses before any handler runs (an encoded {@code /},
 * {@code \}, {@code %} or {@code ;}, a NUL or line break, a {@code .} or {@code ..} segment in the path): the
 * firewall's own answer is a 400 without a body. Spring Security takes the one {@link ServerExchangeRejectedHandler}
 * bean there is, so this bean, which every service has, is it.
 */
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler, ServerExchangeRejectedHandler {

    private static final System.Logger LOG = System.getLogger(ProblemExceptionHandler.class.getName());

    private final List<ProblemMapping> mappings;

    public ProblemExceptionHandler(List<ProblemMapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = problemFor(error, exchange);
        if (error instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        return ProblemResponses.write(exchange, problem);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return ProblemResponses.write(exchange, Problem.malformed("the request target holds what no path of this API has: "
                + "an encoded '/', '\\', '%' or ';', a control character, or a '.' or '..' segment"));
    }

    private Problem problemFor(Throwable error, ServerWebExchange exchange) {
        for (ProblemMapping mapping : mappings) {
            Optional<Problem> problem = mapping.problemFor(error);
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        if (causedBy(error, DataBufferLimitException.class) != null || error instanceof PayloadTooLargeException
                || error instanceof ContentTooLargeException) {
            return new Problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                    "the request body is larger than this service accepts");
        }
        if (error instanceof ServerWebInputException input) {
            return Problem.malformed(unreadable(input));
        }
        if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
            return new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    (unsupported.getContentType() == null ? "a request without Content-Type"
                            : "Content-Type " + unsupported.getContentType()) + " is not accepted here; send "
                            + mediaTypes(unsupported.getSupportedMediaTypes()));
        }
        if (error instanceof NotAcceptableStatusException notAcceptable) {
            return new Problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
                    "this resource answers in " + mediaTypes(notAcceptable.getSupportedMediaTypes())
                            + " (errors in application/problem+json); the request's Accept allows none of them");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return new Problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                    notAllowed.getHttpMethod() + " is not allowed on this resource; it takes "
                            + notAllowed.getSupportedMethods().stream().map(HttpMethod::name).sorted()
                            .collect(Collectors.joining(", ")));
        }
        if (error instanceof NoResourceFoundException) {
            return Problem.notFound("nothing is at " + exchange.getRequest().getPath().value());
        }
        if (error instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            return new Problem(HttpStatus.valueOf(status.getStatusCode().value()), title(status.getStatusCode()),
                    InputDescriptions.safe(status.getReason(), "the request was refused"));
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected error on " + exchange.getRequest().getMethod() + " "
                + exchange.getRequest().getPath(), error);
        return Problem.internal();
    }

    private static String unreadable(ServerWebInputException input) {
        JacksonException json = causedBy(input, JacksonException.class);
        if (json != null) {
            return InputDescriptions.ofJson(json);
        }
        if (input instanceof MissingRequestValueException missing) {
            return missing.getLabel() + " '" + missing.getName() + "' is required";
        }
        TypeMismatchException mismatch = causedBy(input, TypeMismatchException.class);
        if (mismatch != null) {
            String name = input.getMethodParameter() == null ? mismatch.getPropertyName()
                    : input.getMethodParameter().getParameterName();
            IllegalArgumentException refused = causedBy(mismatch, IllegalArgumentException.class);
            String reason = refused == null ? null : InputDescriptions.safe(refused.getMessage(), null);
            return "parameter '" + name + "' " + (reason != null ? reason
                    : "must be " + InputDescriptions.expected(mismatch.getRequiredType() == null ? String.class
                    : mismatch.getRequiredType()));
        }
        DecodingException decoding = causedBy(input, DecodingException.class);
        if (decoding != null && decoding.getCause() == null) {
            return InputDescriptions.safe(decoding.getMessage(), "the body could not be read");
        }
        if ("No request body".equals(input.getReason())) {
            return "the request needs a JSON body";
        }
        return InputDescriptions.safe(input.getReason(), "the request could not be read");
    }

    private static String mediaTypes(List<MediaType> types) {
        return types.isEmpty() ? "nothing" : types.stream().map(MediaType::toString).distinct().collect(Collectors.joining(", "));
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Request refused" : known.getReasonPhrase();
    }

    private static <T extends Throwable> T causedBy(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
