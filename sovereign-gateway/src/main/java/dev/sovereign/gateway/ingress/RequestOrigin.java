package dev.sovereign.gateway.ingress;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a browser says a request comes from. Browsers send {@code Sec-Fetch-Site} and {@code Origin} with every
 * state-changing request; other clients (curl, SDKs) send neither, and are not browsers a page of another site could
 * drive.
 */
public final class RequestOrigin {
    private RequestOrigin() {}

    /**
     * Whether a page of another origin made the browser send {@code req}. {@code Sec-Fetch-Site}, which every current
     * browser sends, decides when present: only {@code same-origin} and {@code none} (typed or bookmarked) are this
     * origin's. Without it, an {@code Origin} other than the host and port the request was sent to is foreign. {@code
     * Origin: null} alone decides nothing: browsers send it for this origin's own forms under {@code Referrer-Policy:
     * no-referrer}.
     */
    public static boolean foreign(HttpServerRequest req) {
        String site = req.getHeader("sec-fetch-site");
        if (site != null) return !site.equals("same-origin") && !site.equals("none");
        String origin = req.getHeader("origin");
        if (origin == null || origin.equals("null")) return false;
        HostAndPort target = req.authority();
        if (target == null) return true;
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) return true;
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
            int targetPort = target.port() < 0 ? defaultPort : target.port();
            return !host(uri.getHost()).equals(host(target.host())) || originPort != targetPort;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    /**
     * Whether the host the request was sent to ({@code Host}, or {@code :authority} in HTTP/2) names this machine
     * ({@code localhost}, {@code 127.x.x.x}, {@code ::1}) or is absent. A gateway without client keys trusts loopback
     * callers; a page that rebinds its own DNS name to 127.0.0.1 reaches it from the browser with its own name as the
     * host, and is refused here.
     */
    /** 127.0.0.0/8 written as an address; compiled once (this runs for every request of a keyless gateway). */
    private static final java.util.regex.Pattern LOOPBACK_V4 = java.util.regex.Pattern.compile("127(\\.\\d{1,3}){3}");

    public static boolean loopbackHost(HttpServerRequest req) {
        HostAndPort authority = req.authority();
        if (authority == null) return true;
        String name = host(authority.host());
        return name.equals("::1")
                || name.equals("localhost")
                || LOOPBACK_V4.matcher(name).matches();
    }

    /** A host name or address as compared here: lower case, an IPv6 address without its brackets. */
    private static String host(String h) {
        String name = h.toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
