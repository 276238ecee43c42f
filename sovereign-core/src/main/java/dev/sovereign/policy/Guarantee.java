package dev.sovereign.policy;

import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.residency.Regions;
import java.util.List;
import java.util.Set;

/**
 * An invariant the policy must never violate, whatever the rules say: data of {@code categories} (all of a
 * request's data when none are named), sent by one of {@code workloads} (any when none), may reach only a
 * provider the {@code allow} list permits — by jurisdiction (whose law reaches the operator), region (where the
 * provider runs, by place: {@code eu} also allows {@code eu-west-1} and {@code europe-west1}, not London's
 * {@code eu-west-2} nor {@code global}; see {@link Regions#within}), provider id or route name — or none at all.
 * Data that a {@code redact} rule replaces before forwarding does not reach the provider.
 */
public record Guarantee(
        String id,
        String description,
        List<String> categories,
        List<String> workloads,
        boolean allowNone,
        List<String> jurisdictions,
        List<String> regions,
        List<String> providers,
        List<String> routes) {

    public Guarantee {
        categories = List.copyOf(categories);
        workloads = List.copyOf(workloads);
        jurisdictions = List.copyOf(jurisdictions);
        regions = List.copyOf(regions);
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
    }

    /**
     * Whether forwarding a request of {@code workload} whose data of {@code reaching} categories reaches
     * {@code route} breaks this guarantee.
     */
    public boolean violatedBy(String workload, Set<String> reaching, PolicyRoute route) {
        if (!workloads.isEmpty() && (workload == null || !workloads.contains(workload))) return false;
        if (!categories.isEmpty() && reaching.stream().noneMatch(c -> CategoryPattern.matchesAny(categories, c))) {
            return false;
        }
        if (allowNone) return true;
        return !((route.jurisdiction() != null && jurisdictions.contains(route.jurisdiction()))
                || inRegion(route.region())
                || (route.provider() != null && providers.contains(route.provider()))
                || (route.name() != null && routes.contains(route.name())));
    }

    private boolean inRegion(String region) {
        if (region == null) return false;
        for (String r : regions) if (Regions.within(region, r)) return true;
        return false;
    }

    /** The protected data in words, for messages. */
    public String scope() {
        String what = categories.isEmpty() ? "any data" : String.join(", ", categories);
        return workloads.isEmpty() ? what : what + " of workload " + String.join(", ", workloads);
    }
}
