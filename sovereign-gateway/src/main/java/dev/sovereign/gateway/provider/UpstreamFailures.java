package dev.sovereign.gateway.provider;

import dev.sovereign.config.Timeouts;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The failures of reaching an upstream, with messages that say what failed and never carry a credential. */
final class UpstreamFailures {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private UpstreamFailures() {}

    static GatewayFailure firstByteTimeout(Timeouts timeouts) {
        return new GatewayFailure(
                FailureKind.UPSTREAM_TIMEOUT,
                "The upstream provider did not answer within "
                        + timeouts.firstByte().toMillis() + " ms.");
    }

    static GatewayFailure idleTimeout(Timeouts timeouts) {
        return new GatewayFailure(
                FailureKind.UPSTREAM_TIMEOUT,
                "The upstream provider sent nothing for " + timeouts.idle().toMillis() + " ms.");
    }

    static GatewayFailure connect(Throwable t, String provider, UpstreamRequest upstream, Timeouts timeouts) {
        String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        String endpoint = upstream.uri().getScheme() + "://" + upstream.uri().getAuthority();
        if (name.contains("timeout") || message.contains("timed out")) {
            LOG.warn(
                    "provider {} at {}: no connection within {} ms",
                    provider,
                    endpoint,
                    timeouts.connect().toMillis());
            return new GatewayFailure(
                    FailureKind.UPSTREAM_TIMEOUT,
                    "The upstream provider '" + provider + "' could not be reached within "
                            + timeouts.connect().toMillis() + " ms.");
        }
        String why = message.contains("refused")
                ? "the connection was refused: is it running?"
                : name.contains("unknownhost") || message.contains("resolve")
                        ? "its host name does not resolve"
                        : name.contains("ssl") || message.contains("certificate") || message.contains("handshake")
                                ? "the TLS handshake failed"
                                : "the connection failed";
        LOG.warn("provider {} at {} could not be reached: {}", provider, endpoint, t.toString());
        return new GatewayFailure(
                FailureKind.UPSTREAM_UNREACHABLE,
                "The upstream provider '" + provider + "' could not be reached (" + why + "). `sovereign serve`"
                        + " prints each provider's endpoint at start; the gateway log names the one that failed.");
    }

    static GatewayFailure exchange(Throwable t) {
        return new GatewayFailure(
                FailureKind.UPSTREAM_DISCONNECTED, "The connection to the upstream provider was lost.", Map.of(), t);
    }
}
