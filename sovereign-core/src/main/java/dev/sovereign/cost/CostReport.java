package dev.sovereign.cost;

import dev.sovereign.audit.AuditedRequest;
import dev.sovereign.index.Jurisdiction;
import dev.sovereign.index.Profile;
import dev.sovereign.index.ResolvedFact;
import dev.sovereign.index.SovereigntyIndex;
import dev.sovereign.index.Weights;
import dev.sovereign.residency.Regions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Spend read from the audit trail, and what the same traffic would have cost elsewhere.
 *
 * <p>Each forwarded request counts once: at the {@code cost_micro_usd} its completion event recorded, or, when the
 * event has none (written before estimates existed, or by a gateway without a price for it), priced now from the
 * table at the request's date through its provider's profile. A request with no reported usage, or no price for
 * its model, is <em>unpriced</em>: its tokens are counted and reported, never priced as zero. The what-if prices
 * each workload's input and output tokens on every alternative (each priced API deployment and each self-hosted
 * offer) at standard rates, beside that alternative's Sovereignty Index and jurisdiction. Built by feeding
 * {@link AuditedRequest}s to {@link #builder}; the report itself is immutable.
 */
public final class CostReport {
    /** Where the organisation is established, for the index's licence gates. */
    private static final String DOMICILE = "eu";

    private final LocalDate asOf;
    private final Instant from;
    private final Instant to;
    private final double utilisation;
    private final List<String> priceFiles;
    private final long requestsRead;
    private final Spend total;
    private final Map<String, List<Spend>> groups;
    private final List<UnpricedModel> unpriced;
    private final List<Alternative> alternatives;
    private final List<WhatIf> whatIf;

    /**
     * Requests of one provider and model that could not be priced.
     *
     * @param reason {@code no_usage} (the provider reported no tokens) or {@code no_price} (nothing in the table)
     */
    public record UnpricedModel(
            String provider,
            String profile,
            String model,
            String reason,
            long requests,
            long inputTokens,
            long outputTokens) {}

    /**
     * One workload's tokens priced on each alternative.
     *
     * @param costs by alternative id, in the order of {@link #alternatives()}: the cost in micro-USD, or {@code null}
     *     when the alternative has no rate
     */
    public record WhatIf(Spend actual, Map<String, Long> costs) {}

    private CostReport(Builder b) {
        this.asOf = b.asOf;
        this.from = b.from;
        this.to = b.to;
        this.utilisation = b.utilisation;
        this.priceFiles = b.prices.files();
        this.requestsRead = b.requestsRead;
        this.total = b.total.snapshot();
        Map<String, List<Spend>> g = new LinkedHashMap<>();
        b.groups.forEach((dimension, tallies) -> g.put(
                dimension,
                tallies.values().stream()
                        .map(Spend.Tally::snapshot)
                        .sorted(Comparator.comparingLong(Spend::costMicroUsd)
                                .reversed()
                                .thenComparing(Spend::name))
                        .toList()));
        this.groups = Collections.unmodifiableMap(g);
        this.unpriced = b.unpriced.values().stream()
                .map(UnpricedAcc::snapshot)
                .sorted(Comparator.comparingLong(UnpricedModel::requests).reversed())
                .toList();
        this.alternatives = alternatives(b.prices, b.index, asOf, utilisation);
        List<WhatIf> w = new ArrayList<>();
        for (Spend.Tally t : b.groups.get("workload").values()) {
            Map<String, Long> costs = new LinkedHashMap<>();
            for (Alternative a : alternatives) {
                costs.put(
                        a.id(),
                        a.rate() == null ? null : CostEstimate.microUsd(a.rate(), t.inputTokens, t.outputTokens));
            }
            w.add(new WhatIf(t.snapshot(), Collections.unmodifiableMap(costs)));
        }
        w.sort(Comparator.comparing(x -> x.actual().name()));
        this.whatIf = List.copyOf(w);
    }

    /**
     * A builder to feed the trail's requests to.
     *
     * @param profileOfProvider the sovereignty profile of a provider id, or {@code null} when unknown; prices
     *     requests whose event carried no estimate
     * @param utilisation the utilisation self-hosted offers are costed at, in (0, 1]
     */
    public static Builder builder(
            Prices prices,
            SovereigntyIndex index,
            LocalDate asOf,
            double utilisation,
            Function<String, String> profileOfProvider) {
        if (!(utilisation > 0 && utilisation <= 1))
            throw new IllegalArgumentException("utilisation must be more than 0 and at most 1, not " + utilisation);
        return new Builder(prices, index, asOf, utilisation, profileOfProvider);
    }

    /** Collects requests. Not thread-safe. */
    public static final class Builder implements Consumer<AuditedRequest> {
        private final Prices prices;
        private final SovereigntyIndex index;
        private final LocalDate asOf;
        private final double utilisation;
        private final Function<String, String> profileOf;
        private final Spend.Tally total = new Spend.Tally("total");
        private final Map<String, Map<String, Spend.Tally>> groups = new LinkedHashMap<>();
        private final Map<String, UnpricedAcc> unpriced = new LinkedHashMap<>();
        private Instant from;
        private Instant to;
        private long requestsRead;

        private Builder(
                Prices prices,
                SovereigntyIndex index,
                LocalDate asOf,
                double utilisation,
                Function<String, String> profileOf) {
            this.prices = prices;
            this.index = index;
            this.asOf = asOf;
            this.utilisation = utilisation;
            this.profileOf = profileOf;
            for (String d : List.of("workload", "provider", "model", "team", "key")) groups.put(d, new TreeMap<>());
        }

        /** The period read, for the report's heading ({@code null}: unbounded). */
        public Builder period(Instant periodFrom, Instant periodTo) {
            this.from = periodFrom;
            this.to = periodTo;
            return this;
        }

        @Override
        public void accept(AuditedRequest r) {
            requestsRead++;
            if (!r.forwarded()) return;
            long in = r.inputTokens() == null ? 0 : r.inputTokens();
            long out = r.outputTokens() == null ? 0 : r.outputTokens();
            String model = r.upstreamModel() != null ? r.upstreamModel() : r.model();
            String profile = profileOf.apply(r.provider());
            Long cost = r.costMicroUsd();
            boolean recomputed = false;
            if (cost == null) {
                if (r.inputTokens() == null && r.outputTokens() == null) {
                    unpriced(r.provider(), profile, model, "no_usage", in, out);
                } else {
                    LocalDate day = r.time() == null
                            ? asOf
                            : r.time().atOffset(ZoneOffset.UTC).toLocalDate();
                    Optional<Rate> rate = prices.lookup(profile, model, day);
                    if (rate.isPresent()) {
                        cost = CostEstimate.microUsd(rate.get(), in, out);
                        recomputed = true;
                    } else {
                        unpriced(r.provider(), profile, model, "no_price", in, out);
                    }
                }
            }
            total.add(in, out, cost, recomputed);
            add("workload", r.workload(), in, out, cost, recomputed);
            add("provider", r.provider(), in, out, cost, recomputed);
            add("model", model, in, out, cost, recomputed);
            add("team", r.team(), in, out, cost, recomputed);
            add("key", r.key(), in, out, cost, recomputed);
        }

        private void add(String dimension, String name, long in, long out, Long cost, boolean recomputed) {
            String n = name == null || name.isBlank() ? "(none)" : name;
            groups.get(dimension).computeIfAbsent(n, Spend.Tally::new).add(in, out, cost, recomputed);
        }

        private void unpriced(String provider, String profile, String model, String reason, long in, long out) {
            UnpricedAcc acc = unpriced.computeIfAbsent(
                    provider + "\u0000" + model + "\u0000" + reason,
                    k -> new UnpricedAcc(provider, profile, model, reason));
            acc.requests++;
            acc.input += in;
            acc.output += out;
        }

        public CostReport build() {
            return new CostReport(this);
        }
    }

    private static final class UnpricedAcc {
        final String provider;
        final String profile;
        final String model;
        final String reason;
        long requests;
        long input;
        long output;

        UnpricedAcc(String provider, String profile, String model, String reason) {
            this.provider = provider;
            this.profile = profile;
            this.model = model;
            this.reason = reason;
        }

        UnpricedModel snapshot() {
            return new UnpricedModel(provider, profile, model, reason, requests, input, output);
        }
    }

    /** Every priced API deployment valid on {@code asOf}, then every self-hosted offer valid on it. */
    static List<Alternative> alternatives(Prices prices, SovereigntyIndex index, LocalDate asOf, double utilisation) {
        Map<String, Long> totals = new LinkedHashMap<>();
        List<Alternative> out = new ArrayList<>();
        for (ApiPrice p : prices.api()) {
            if (!p.validOn(asOf)) continue;
            String model = p.models().get(0).replaceAll("[*?]+$", "").replaceAll("@$", "");
            for (String profile : p.profiles()) {
                List<Premium> applied = prices.premiums(profile, model, asOf);
                Rate rate = Prices.rate(p, applied);
                List<String> notes = new ArrayList<>();
                if (p.note() != null) notes.add(p.note());
                for (Premium x : applied)
                    notes.add(x.id() + " ×" + x.factor().stripTrailingZeros().toPlainString());
                out.add(new Alternative(
                        profile + "/" + p.id(),
                        "api",
                        profile,
                        model,
                        name(index, profile),
                        rate,
                        Jurisdiction.of(index, profile, asOf),
                        total(index, profile, asOf, totals),
                        null,
                        notes.isEmpty() ? null : String.join("; ", notes),
                        null,
                        rate.sources()));
            }
        }
        for (Offer o : prices.offers()) {
            if (!o.validOn(asOf)) continue;
            Rate rate = o.rate(utilisation).orElse(null);
            out.add(new Alternative(
                    o.id(),
                    "self_hosted",
                    o.profile(),
                    o.modelClass(),
                    o.name(),
                    rate,
                    Jurisdiction.of(index, o.profile(), asOf),
                    total(index, o.profile(), asOf, totals),
                    o,
                    o.note(),
                    priceCaveat(index, o, asOf),
                    List.of(o.source())));
        }
        return List.copyOf(out);
    }

    /**
     * What must be said with a self-hosted offer's price: none published (the operator's quote is needed), or a
     * price read in a region outside the EU for a profile that runs the instance in an EU region.
     */
    static String priceCaveat(SovereigntyIndex index, Offer o, LocalDate asOf) {
        if (o.usdPerHour() == null) {
            boolean throughput = o.inputTokensPerSecond() != null && o.outputTokensPerSecond() != null;
            return "no public on-demand price: needs your quote (usd_per_hour"
                    + (throughput ? "" : " and the throughput you measure")
                    + ") in config/prices.yaml under the id " + o.id();
        }
        if (o.region() != null && !Regions.inEu(o.region()) && runsInEu(index, o.profile(), asOf)) {
            return "priced at the " + o.region() + " on-demand rate: its profile runs it in an EU region, whose price"
                    + " is not in the table";
        }
        return null;
    }

    /** Whether {@code profile}'s inference location is in the EU on {@code asOf}. */
    private static boolean runsInEu(SovereigntyIndex index, String profile, LocalDate asOf) {
        Profile p = profile == null ? null : index.catalog().profiles().get(profile);
        if (p == null) return false;
        ResolvedFact f = index.resolve(p, asOf).get("inference_location");
        if (f == null || f.unknown() || f.value() == null || f.value().isEmpty()) return false;
        return f.value().get(0).startsWith("eu_");
    }

    private static String name(SovereigntyIndex index, String profile) {
        Profile p = profile == null ? null : index.catalog().profiles().get(profile);
        return p == null ? profile : p.name();
    }

    private static Long total(SovereigntyIndex index, String profile, LocalDate asOf, Map<String, Long> cache) {
        if (profile == null) return null;
        Profile p = index.catalog().profiles().get(profile);
        if (p == null) return null;
        return cache.computeIfAbsent(
                profile, k -> index.row(p, asOf, Weights.PUBLISHED, DOMICILE).total());
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The start of the period read, or {@code null}. */
    public Instant from() {
        return from;
    }

    /** The end of the period read (exclusive), or {@code null}. */
    public Instant to() {
        return to;
    }

    public double utilisation() {
        return utilisation;
    }

    public List<String> priceFiles() {
        return priceFiles;
    }

    /** Requests read from the trail, forwarded or not. */
    public long requestsRead() {
        return requestsRead;
    }

    /** All forwarded requests. */
    public Spend total() {
        return total;
    }

    /** Spend by {@code workload}, {@code provider}, {@code model}, {@code team} and {@code key}, largest first. */
    public Map<String, List<Spend>> groups() {
        return groups;
    }

    public List<UnpricedModel> unpriced() {
        return unpriced;
    }

    public List<Alternative> alternatives() {
        return alternatives;
    }

    /** Per workload, by name. */
    public List<WhatIf> whatIf() {
        return whatIf;
    }

    /** Whether any forwarded request was read. */
    public boolean hasTraffic() {
        return total.requests() > 0;
    }
}
