package dev.sovereign.testing.internal;

import dev.sovereign.testing.RecordedRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One event loop's HTTP server. Several instances share the listening port (Vert.x balances
 * connections between them). Each request is read fully, recorded, matched with the next fault
 * and answered; nothing is logged per request.
 */
public final class UpstreamVerticle extends VerticleBase {

    private final UpstreamState state;
    private final String host;
    private final int port;
    private final IntConsumer boundPort;
    private HttpServer server;

    /**
     * @param boundPort told the actual port once the server listens (useful when {@code port} is 0)
     */
    public UpstreamVerticle(UpstreamState state, String host, int port, IntConsumer boundPort) {
        this.state = state;
        this.host = host;
        this.port = port;
        this.boundPort = boundPort;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setHandle100ContinueAutomatically(true)
                .setCompressionSupported(false));
        server.requestHandler(this::handle);
        return server.listen().onSuccess(s -> boundPort.accept(s.actualPort()));
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            byte[] bytes = body.getBytes();
            RecordedRequest recorded = new RecordedRequest(
                    request.method().name(), request.path(), request.query(), headers(request), bytes);
            var fault = state.admit(recorded);
            FaultResponder.handle(new Exchange(request, bytes, state, vertx), fault);
        });
    }

    private static Map<String, List<String>> headers(HttpServerRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers()
                .forEach(entry -> headers.computeIfAbsent(
                                entry.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                        .add(entry.getValue()));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }
}
