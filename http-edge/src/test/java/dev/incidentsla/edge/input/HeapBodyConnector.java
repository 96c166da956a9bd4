package dev.incidentsla.edge.input;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.function.Function;

/**
 * The services' tests' HTTP client: Reactor Netty's, as {@link WebTestClient#bindToServer()} takes, but each answer's
 * body is read as it arrives, copied to the heap and its Netty buffers released at once. WebTestClient never releases
 * the body of an answer whose test checks only its status or headers (spring-framework#29817, spring-boot#37627);
 * Netty then reports the buffer as a leak when it is collected, a report that reads like a leak of the server's. Not
 * for an unending stream: its body would be read until the server ends it.
 */
public final class HeapBodyConnector implements ClientHttpConnector {

    private final ClientHttpConnector netty = new ReactorClientHttpConnector();

    public static WebTestClient.Builder bindToServer() {
        return WebTestClient.bindToServer(new HeapBodyConnector());
    }

    @Override
    public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
                                            Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
        return netty.connect(method, uri, requestCallback).map(HeapBody::new);
    }

    private static final class HeapBody extends ClientHttpResponseDecorator {

        private final Flux<DataBuffer> body;

        HeapBody(ClientHttpResponse response) {
            super(response);
            body = response.getBody().map(HeapBody::onHeap).cache();
            body.subscribe(buffer -> { }, failure -> { });
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body;
        }

        private static DataBuffer onHeap(DataBuffer received) {
            try {
                byte[] bytes = new byte[received.readableByteCount()];
                received.read(bytes);
                return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
            } finally {
                DataBufferUtils.release(received);
            }
        }
    }
}
