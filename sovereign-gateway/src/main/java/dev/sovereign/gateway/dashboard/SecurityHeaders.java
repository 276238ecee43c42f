package dev.sovereign.gateway.dashboard;

import io.vertx.core.http.HttpServerResponse;

/**
 * The headers every dashboard and admin response carries. Pages get a strict Content-Security-Policy: scripts,
 * styles, images and connections from the gateway itself only, no inline script, no framing, no plugins, forms
 * posted only back to the gateway.
 */
public final class SecurityHeaders {
    /** The dashboard's Content-Security-Policy. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private SecurityHeaders() {}

    /** For HTML pages and assets of {@code /ui}. */
    public static HttpServerResponse page(HttpServerResponse response) {
        return response.putHeader("content-security-policy", CSP)
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("x-frame-options", "DENY")
                .putHeader("referrer-policy", "no-referrer")
                .putHeader("cross-origin-opener-policy", "same-origin")
                .putHeader("cross-origin-resource-policy", "same-origin")
                .putHeader("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }

    /** For admin API responses: never cached, never sniffed, never framed. */
    public static HttpServerResponse api(HttpServerResponse response) {
        return response.putHeader("cache-control", "no-store")
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("x-frame-options", "DENY")
                .putHeader("referrer-policy", "no-referrer");
    }
}
