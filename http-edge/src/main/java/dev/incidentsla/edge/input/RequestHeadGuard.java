package dev.incidentsla.edge.input;

import dev.incidentsla.edge.problem.Problem;
import dev.incidentsla.edge.problem.ProblemResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.springframework.http.HttpStatus;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Sits right after Netty's HTTP decoder and answers, as a problem, the requests the server would otherwise refuse
 * with an empty body before any of Spring's code runs: a request line over 4 KB (414), headers over 8 KB (431), a
 * target that is not a valid URI (a bad {@code %} escape, say) or otherwise undecodable (400). It also refuses path
 * parameters ({@code ;name=value}), which Spring strips from a path segment, so {@code /contracts/x;b=c} would act
 * on {@code x}, and a query parameter given twice, which Spring reads as its first value or as both joined by a comma,
 * so {@code ?limit=1&limit=2} would act on a value the client did not choose (no parameter of the API takes several).
 * The connection is closed after such an answer: the decoder has given up on the rest of its bytes.
 */
public final class RequestHeadGuard extends ChannelInboundHandlerAdapter {

    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADERS = 8192;

    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (refused && message instanceof HttpObject) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request) {
            Problem problem = problemWith(request);
            if (problem != null) {
                refused = true;
                ReferenceCountUtil.release(message);
                respond(context, problem, request.decoderResult().isFailure() ? null : pathOf(request.uri()));
                return;
            }
        }
        context.fireChannelRead(message);
    }

    private static Problem problemWith(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Problem(HttpStatus.URI_TOO_LONG, "URI too long",
                        "the request line is longer than " + MAX_REQUEST_LINE + " bytes");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Problem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large",
                        "the request's headers are larger than " + MAX_HEADERS + " bytes");
            }
            return Problem.malformed("the request is not valid HTTP/1.1");
        }
        String target = request.uri();
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            return Problem.malformed("the request target is not a valid URI (check its %-escapes): "
                    + e.getReason() + " at index " + e.getIndex());
        }
        if (pathOf(target).contains(";")) {
            return Problem.malformed("path parameters (';') are not part of this API");
        }
        return target.indexOf('?') < 0 ? null : problemWithParameters(target);
    }

    /**
     * Spring reads a parameter given twice as its first value or as both joined by a comma, and an empty one
     * ({@code ?limit=}) as an absent one with its default: neither is what the client chose.
     */
    private static Problem problemWithParameters(String target) {
        QueryStringDecoder query = new QueryStringDecoder(target, StandardCharsets.UTF_8, true, 1024, true);
        for (Map.Entry<String, List<String>> parameter : query.parameters().entrySet()) {
            List<String> values = parameter.getValue();
            if (values.size() > 1) {
                return Problem.malformed("parameter '" + printable(parameter.getKey())
                        + "' is given more than once; each parameter takes one value");
            }
            if (values.get(0).isEmpty()) {
                return Problem.malformed("parameter '" + printable(parameter.getKey())
                        + "' is empty; leave it out to use its default");
            }
        }
        return null;
    }

    private static String printable(String name) {
        return name.length() <= 100 && name.chars().noneMatch(Character::isISOControl) ? name : "(unprintable)";
    }

    private static String pathOf(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static void respond(ChannelHandlerContext context, Problem problem, String instance) {
        byte[] body = ProblemResponses.bytes(problem, instance != null && instance.length() <= 200 ? instance : null);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(problem.status().value()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, ProblemResponses.MEDIA_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
