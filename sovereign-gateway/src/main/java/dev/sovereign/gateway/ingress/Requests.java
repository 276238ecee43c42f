package dev.sovereign.gateway.ingress;

import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Exchange;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** What every endpoint needs of a request before it is served: its id, its exchange, its API, a printable path. */
public final class Requests {
    private static final HexFormat HEX = HexFormat.of();

    private Requests() {}

    /** A new exchange for {@code req}, answering errors in {@code api}'s format. */
    public static Exchange exchange(HttpServerRequest req, WireFormat api, ErrorBodies errors) {
        return new Exchange(req, newRequestId(), System.nanoTime(), api, errors);
    }

    /** Anthropic SDKs send {@code anthropic-version} (and usually {@code x-api-key}); OpenAI's do not. */
    public static WireFormat guessApi(HttpServerRequest req) {
        return req.getHeader("anthropic-version") != null || req.getHeader("x-api-key") != null
                ? WireFormat.ANTHROPIC
                : WireFormat.OPENAI;
    }

    /** A path as it may appear in an error or a log line: at most 100 chars, printable ASCII. */
    public static String safePath(String path) {
        String p = path.length() > 100 ? path.substring(0, 100) + "…" : path;
        return p.replaceAll("[^\\x20-\\x7e]", "?");
    }

    public static boolean isLoopback(SocketAddress address) {
        if (address == null || address.hostAddress() == null) return address != null && address.isDomainSocket();
        try {
            return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * {@code sgw_} + the millisecond (12 hex digits) + 48 random bits (12 hex digits): unique, and ordered by time so
     * that the audit store's request-id index grows at its end (random ids made SQLite inserts three times slower).
     */
    static String newRequestId() {
        long millis = System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL;
        long random = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        return "sgw_" + HEX.toHexDigits(millis).substring(4)
                + HEX.toHexDigits(random).substring(4);
    }
}
