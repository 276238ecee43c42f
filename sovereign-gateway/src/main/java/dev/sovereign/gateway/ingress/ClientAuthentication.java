package dev.sovereign.gateway.ingress;

import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Principal;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who sent a request to the client APIs: the key it carries, or, on a gateway without client keys, a request from this
 * machine addressed to this machine and not sent by a web page of another origin.
 */
public final class ClientAuthentication {
    private final KeyAuthenticator authenticator;

    public ClientAuthentication(KeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller, or a {@link GatewayFailure} saying why it is refused. */
    public Principal authenticate(HttpServerRequest req) {
        if (authenticator.open()) {
            // Without keys, being on this machine is the credential: a web page the user visits must not be able
            // to spend the provider credentials through the user's browser, by a cross-site request or by
            // rebinding its own host name to 127.0.0.1.
            if (!Requests.isLoopback(req.remoteAddress())) {
                throw new GatewayFailure(
                        FailureKind.UNAUTHENTICATED,
                        "This gateway has no client keys configured and accepts requests from this machine only.");
            }
            if (!RequestOrigin.loopbackHost(req)) {
                throw new GatewayFailure(
                        FailureKind.FORBIDDEN,
                        "This gateway has no client keys configured and answers only requests addressed to this"
                                + " machine (Host localhost, 127.0.0.1 or ::1); configure client keys to serve other"
                                + " host names.");
            }
            if (RequestOrigin.foreign(req)) {
                throw new GatewayFailure(
                        FailureKind.CSRF_REJECTED,
                        "A web page of another origin sent this request through a browser; a gateway without client"
                                + " keys refuses those. Configure client keys to serve browser applications.");
            }
        }
        return authenticator.authenticate(req.getHeader("x-api-key"), req.getHeader("authorization"));
    }
}
