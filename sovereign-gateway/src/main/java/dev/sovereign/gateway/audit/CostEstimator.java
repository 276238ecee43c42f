package dev.sovereign.gateway.audit;

import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.cost.CostEstimate;
import dev.sovereign.cost.Prices;
import dev.sovereign.cost.Rate;
import dev.sovereign.gateway.wire.Usage;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices a completed exchange from its provider's sovereignty profile, the upstream model and the usage the
 * upstream reported, at the list prices of the day. It runs on the event loop after every answer, so the price
 * table is read once, at start, and each provider and model's rate is looked up once a day and then served from a
 * bounded cache. Thread-safe.
 */
public final class CostEstimator {
    /** Past this many provider and model pairs (clients may name any model) lookups are no longer cached. */
    static final int MAX_CACHED = 4096;

    /**
     * A request's estimated cost.
     *
     * @param price the id of the price entry used: a bounded set, fit for a metric label
     */
    public record Estimate(long microUsd, String price) {}

    private record Provider(String profile, boolean anthropicUsage) {}

    private record Key(String provider, String model) {}

    private record Cached(LocalDate day, Optional<Rate> rate) {}

    private final Prices prices;
    private final Map<String, Provider> providers;
    private final ConcurrentHashMap<Key, Cached> cache = new ConcurrentHashMap<>();

    CostEstimator(Prices prices, Map<String, ProviderConfig> providers) {
        this.prices = prices;
        Map<String, Provider> map = new HashMap<>();
        providers.forEach((id, p) -> map.put(
                id, new Provider(p.profile(), p.kind() == ProviderKind.ANTHROPIC || p.kind() == ProviderKind.BEDROCK)));
        this.providers = Map.copyOf(map);
    }

    static CostEstimator of(GatewayConfig config) {
        Map<String, ProviderConfig> byId = new HashMap<>();
        for (ProviderConfig p : config.providers()) byId.put(p.id(), p);
        return new CostEstimator(config.prices(), byId);
    }

    /**
     * The cost of an exchange with {@code providerId} for {@code model} on {@code day}, or {@code null} when the
     * upstream reported no usage or the table has no price for the model on the provider's profile.
     */
    public Estimate estimate(String providerId, String model, Usage usage, LocalDate day) {
        if (providerId == null || model == null || usage == null || !usage.known()) return null;
        Provider p = providers.get(providerId);
        if (p == null || p.profile() == null) return null;
        Optional<Rate> rate = rate(providerId, p.profile(), model, day);
        if (rate.isEmpty()) return null;
        // Anthropic reports cache reads and writes beside input_tokens; OpenAI counts cached tokens inside them.
        CostEstimate.Tokens tokens = p.anthropicUsage()
                ? CostEstimate.Tokens.anthropic(
                        usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens())
                : CostEstimate.Tokens.openAi(usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens());
        return new Estimate(
                CostEstimate.microUsd(rate.get(), tokens), rate.get().id());
    }

    private Optional<Rate> rate(String providerId, String profile, String model, LocalDate day) {
        Key key = new Key(providerId, model);
        Cached c = cache.get(key);
        if (c != null && c.day().equals(day)) return c.rate();
        Optional<Rate> rate = prices.lookup(profile, model, day);
        if (c != null || cache.size() < MAX_CACHED) cache.put(key, new Cached(day, rate));
        return rate;
    }

    /** The price table. */
    public Prices prices() {
        return prices;
    }

    /** The sovereignty profile of a configured provider; for one no longer configured, its id (the default). */
    public String profileOf(String providerId) {
        if (providerId == null) return null;
        Provider p = providers.get(providerId);
        return p == null ? providerId : p.profile();
    }

    /** Provider and model pairs cached, for tests. */
    int cached() {
        return cache.size();
    }
}
