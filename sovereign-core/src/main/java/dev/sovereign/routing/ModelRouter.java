package dev.sovereign.routing;

import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a requested model name to a provider and upstream model from the providers' model maps.
 * Exact names and aliases win over globs; among globs, the first in file order wins. Immutable and
 * thread-safe; resolutions are memoised because clients ask for the same few names again and again.
 */
public final class ModelRouter {
    private static final int MEMO_LIMIT = 10_000;

    private final List<Entry> exact = new ArrayList<>();
    private final List<Entry> globs = new ArrayList<>();
    private final Map<String, Optional<Route>> memo = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Optional<Route>>> memoByProvider = new ConcurrentHashMap<>();

    private record Entry(String providerId, ModelMapping mapping) {}

    public ModelRouter(List<ProviderConfig> providers) {
        for (ProviderConfig p : providers) {
            for (ModelMapping m : p.models()) {
                (m.isGlob() ? globs : exact).add(new Entry(p.id(), m));
            }
        }
    }

    public Optional<Route> resolve(String model) {
        Optional<Route> cached = memo.get(model);
        if (cached != null) return cached;
        Optional<Route> route = compute(model);
        if (memo.size() < MEMO_LIMIT) memo.put(model, route);
        return route;
    }

    /**
     * How {@code providerId}'s own model map names {@code model}, whichever provider would win it: what a policy
     * route that sends the request to that provider asks it for.
     */
    public Optional<Route> resolve(String model, String providerId) {
        Map<String, Optional<Route>> providerMemo =
                memoByProvider.computeIfAbsent(providerId, id -> new ConcurrentHashMap<>());
        Optional<Route> cached = providerMemo.get(model);
        if (cached != null) return cached;
        Optional<Route> route = Optional.empty();
        for (List<Entry> entries : List.of(exact, globs)) {
            for (Entry e : entries) {
                if (route.isEmpty()
                        && e.providerId().equals(providerId)
                        && e.mapping().matches(model)) {
                    route = Optional.of(route(e, model));
                }
            }
        }
        if (providerMemo.size() < MEMO_LIMIT) providerMemo.put(model, route);
        return route;
    }

    private Optional<Route> compute(String model) {
        for (Entry e : exact) {
            if (e.mapping().matches(model)) return Optional.of(route(e, model));
        }
        for (Entry e : globs) {
            if (e.mapping().matches(model)) return Optional.of(route(e, model));
        }
        return Optional.empty();
    }

    private static Route route(Entry e, String model) {
        return new Route(
                e.providerId(), e.mapping().upstreamFor(model), e.mapping().pattern());
    }

    /** The model names and aliases that are listed by name (not globs), in configuration order. */
    public Set<String> namedModels() {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : exact) names.add(e.mapping().pattern());
        return names;
    }

    /**
     * One model name for every entry of every model map (the name itself, or the glob with {@code *} filled in):
     * a set of requests that reaches every mapping, for tools that reason over all routes.
     */
    public Set<String> sampleModels() {
        return samplePatterns().keySet();
    }

    /**
     * {@link #sampleModels()}, each with the model-map entry it stands for: the name itself, or the glob
     * ({@code claude-x} for {@code claude-*}). What tools print, since the sample names are invented.
     */
    public Map<String, String> samplePatterns() {
        Map<String, String> samples = new LinkedHashMap<>();
        for (Entry e : exact)
            samples.putIfAbsent(e.mapping().pattern(), e.mapping().pattern());
        for (Entry e : globs)
            samples.putIfAbsent(
                    e.mapping().pattern().replace("*", "x"), e.mapping().pattern());
        return samples;
    }

    /** The providers that serve models through a glob, whose own model lists complete {@link #namedModels()}. */
    public Set<String> providersWithGlobs() {
        Set<String> ids = new LinkedHashSet<>();
        for (Entry e : globs) ids.add(e.providerId());
        return ids;
    }
}
