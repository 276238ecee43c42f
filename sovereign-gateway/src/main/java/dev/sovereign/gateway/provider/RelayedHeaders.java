package dev.sovereign.gateway.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Map;

/** The upstream's headers a client may act on (retry hints, request ids, rate limits), passed on with its answer. */
final class RelayedHeaders {
    private static final String[] NAMES = {
        "retry-after",
        "retry-after-ms",
        "x-should-retry",
        "request-id",
        "x-request-id",
        "openai-processing-ms",
        "x-amzn-requestid"
    };
    private static final String[] PREFIXES = {"anthropic-ratelimit-", "x-ratelimit-"};

    private RelayedHeaders() {}

    static void copy(MultiMap from, HttpServerResponse out) {
        for (String name : NAMES) {
            String value = from.get(name);
            if (value != null) out.putHeader(name, value);
        }
        for (Map.Entry<String, String> h : from) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            for (String prefix : PREFIXES) {
                if (name.startsWith(prefix)) out.putHeader(name, h.getValue());
            }
        }
    }
}
