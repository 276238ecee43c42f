package dev.sovereign.gateway.provider;

import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import io.vertx.core.http.HttpClient;

/** A provider as one event loop sees it: its adapter and that loop's connection pool to it. */
public record Upstream(ProviderAdapter adapter, HttpClient client) {
    public ProviderConfig config() {
        return adapter.config();
    }

    /** True when the upstream answers {@code count_tokens} itself; otherwise the gateway estimates. */
    public boolean countsTokens() {
        return config().kind() == ProviderKind.ANTHROPIC || config().kind() == ProviderKind.VERTEX;
    }
}
