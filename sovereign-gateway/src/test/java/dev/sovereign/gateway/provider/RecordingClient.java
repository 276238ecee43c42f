package dev.sovereign.gateway.provider;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/**
 * The client's side of one request without a server: a request whose response records its status, headers and body,
 * as the forwarder writes them. The head counts as written at the first write or end, when the headers-end handler
 * runs, as Vert.x does it. Only what the gateway calls is answered; anything else fails the test loudly.
 */
final class RecordingClient {
    final MultiMap requestHeaders = MultiMap.caseInsensitiveMultiMap();
    final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    final StringBuilder body = new StringBuilder();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    int status = 200;
    boolean chunked;
    private boolean headWritten;
    private Handler<Void> headersEnd;
    private final HttpServerResponse response = proxy(HttpServerResponse.class, this::onResponse);
    private final HttpServerRequest request = proxy(HttpServerRequest.class, this::onRequest);

    HttpServerRequest request() {
        return request;
    }

    private Object onRequest(Object self, Method m, Object[] args) {
        return switch (m.getName()) {
            case "response" -> response;
            case "headers" -> requestHeaders;
            case "getHeader" -> requestHeaders.get(args[0].toString());
            case "method" -> HttpMethod.POST;
            case "version" -> HttpVersion.HTTP_1_1;
            case "query" -> null;
            case "path", "uri" -> "/v1/chat/completions";
            default -> throw new UnsupportedOperationException("request." + m.getName());
        };
    }

    private Object onResponse(Object self, Method m, Object[] args) {
        switch (m.getName()) {
            case "putHeader" -> {
                headers.set(args[0].toString(), args[1].toString());
                return self;
            }
            case "setStatusCode" -> {
                status = (int) args[0];
                return self;
            }
            case "getStatusCode" -> {
                return status;
            }
            case "headers" -> {
                return headers;
            }
            case "setChunked" -> {
                chunked = (boolean) args[0];
                return self;
            }
            case "isChunked" -> {
                return chunked;
            }
            case "headWritten" -> {
                return headWritten;
            }
            case "ended" -> {
                return ended.isDone();
            }
            case "closed", "writeQueueFull" -> {
                return false;
            }
            case "headersEndHandler" -> {
                headersEnd = cast(args[0]);
                return self;
            }
            case "closeHandler", "endHandler", "drainHandler", "exceptionHandler", "setWriteQueueMaxSize" -> {
                return self;
            }
            case "write" -> {
                writeHead();
                body.append(text(args[0]));
                return Future.succeededFuture();
            }
            case "end" -> {
                writeHead();
                if (args != null && args.length > 0) body.append(text(args[0]));
                ended.complete(null);
                return Future.succeededFuture();
            }
            default -> throw new UnsupportedOperationException("response." + m.getName());
        }
    }

    private void writeHead() {
        if (headWritten) return;
        if (headersEnd != null) headersEnd.handle(null);
        headWritten = true;
    }

    private static String text(Object chunk) {
        return chunk instanceof Buffer b ? b.toString() : chunk.toString();
    }

    @SuppressWarnings("unchecked")
    private static Handler<Void> cast(Object handler) {
        return (Handler<Void>) handler;
    }

    private interface Answer {
        Object answer(Object self, Method m, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        InvocationHandler handler = (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> type.getSimpleName() + " recorded";
                };
            }
            return answer.answer(self, m, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
