package dev.sovereign.gateway.provider.bedrock;

import io.vertx.core.MultiMap;
import java.net.URI;

/**
 * Adds a Bedrock request's credentials to its headers: a SigV4 signature ({@link SigV4Authorizer}) or a Bedrock API
 * key as a bearer token ({@link #bearer}). Called on the event loop: implementations never block. Thread-safe.
 */
public interface BedrockAuthorizer extends AutoCloseable {
    /**
     * Adds the credentials for a {@code POST} of {@code body} to {@code uri} with {@code headers} (which hold every
     * other header the request will carry).
     *
     * @throws dev.sovereign.gateway.wire.GatewayFailure when there are no credentials to sign with
     */
    void authorize(URI uri, MultiMap headers, byte[] body);

    /** Where the credentials come from, for the start-up report; never a secret. */
    String describe();

    @Override
    default void close() {}

    /** A Bedrock API key, sent as {@code Authorization: Bearer}. */
    static BedrockAuthorizer bearer(dev.sovereign.config.Secret key) {
        return new BedrockAuthorizer() {
            @Override
            public void authorize(URI uri, MultiMap headers, byte[] body) {
                headers.set("authorization", "Bearer " + key.reveal());
            }

            @Override
            public String describe() {
                return "Bedrock API key " + key;
            }
        };
    }
}
