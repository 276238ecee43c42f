package dev.sovereign.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The cost report and the price table as JSON for the CLI and the admin API: snake_case keys, every key present
 * ({@code null} where a value is unknown), money as integer micro-USD beside a decimal USD value.
 */
public final class CostReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostReportJson() {}

    public static ObjectNode of(CostReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("as_of", report.asOf().toString());
        putInstant(root, "from", report.from());
        putInstant(root, "to", report.to());
        root.put("currency", "USD");
        root.put("utilisation", report.utilisation());
        ArrayNode files = root.putArray("price_files");
        report.priceFiles().forEach(files::add);
        root.put("requests_read", report.requestsRead());
        root.put("has_traffic", report.hasTraffic());
        root.set("total", spend(report.total()));
        ObjectNode by = root.putObject("spend");
        for (Map.Entry<String, List<Spend>> g : report.groups().entrySet()) {
            ArrayNode a = by.putArray("by_" + g.getKey());
            g.getValue().forEach(s -> a.add(spend(s)));
        }
        ArrayNode unpriced = root.putArray("unpriced");
        for (CostReport.UnpricedModel u : report.unpriced()) {
            ObjectNode n = unpriced.addObject();
            n.put("provider", u.provider());
            n.put("profile", u.profile());
            n.put("model", u.model());
            n.put("reason", u.reason());
            n.put("requests", u.requests());
            n.put("input_tokens", u.inputTokens());
            n.put("output_tokens", u.outputTokens());
        }
        ArrayNode alternatives = root.putArray("alternatives");
        for (Alternative a : report.alternatives()) alternatives.add(alternative(a));
        ArrayNode whatIf = root.putArray("what_if");
        for (CostReport.WhatIf w : report.whatIf()) {
            ObjectNode n = whatIf.addObject();
            n.put("workload", w.actual().name());
            n.put("input_tokens", w.actual().inputTokens());
            n.put("output_tokens", w.actual().outputTokens());
            n.put("actual_cost_micro_usd", w.actual().costMicroUsd());
            n.put("actual_unpriced_requests", w.actual().unpricedRequests());
            ArrayNode options = n.putArray("options");
            w.costs().forEach((id, cost) -> {
                ObjectNode o = options.addObject();
                o.put("alternative", id);
                if (cost == null) {
                    o.putNull("cost_micro_usd");
                    o.putNull("cost_usd");
                } else {
                    o.put("cost_micro_usd", cost);
                    o.put("cost_usd", CostEstimate.usd(cost));
                }
            });
        }
        ArrayNode caveats = root.putArray("caveats");
        CostReportText.caveats(report).forEach(caveats::add);
        return root;
    }

    /** The price table: API prices, premiums and self-hosted offers, each with its source. */
    public static ObjectNode prices(Prices prices, double utilisation) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode files = root.putArray("price_files");
        prices.files().forEach(files::add);
        root.put("utilisation", utilisation);
        ArrayNode api = root.putArray("api");
        for (ApiPrice p : prices.api()) {
            ObjectNode n = api.addObject();
            n.put("id", p.id());
            strings(n.putArray("profiles"), p.profiles());
            strings(n.putArray("models"), p.models());
            ObjectNode r = n.putObject("usd_per_mtok");
            r.put("input", p.input());
            r.put("output", p.output());
            putDecimal(r, "cached_input", p.cachedInput());
            putDecimal(r, "cache_write", p.cacheWrite());
            common(n, p.from(), p.to(), p.source(), p.checked(), p.uncertain(), p.note(), p.file());
        }
        ArrayNode premiums = root.putArray("premiums");
        for (Premium p : prices.premiums()) {
            ObjectNode n = premiums.addObject();
            n.put("id", p.id());
            strings(n.putArray("profiles"), p.profiles());
            strings(n.putArray("models"), p.models());
            n.put("factor", p.factor());
            common(n, p.from(), p.to(), p.source(), p.checked(), p.uncertain(), p.note(), p.file());
        }
        ArrayNode offers = root.putArray("self_hosted");
        for (Offer o : prices.offers()) {
            ObjectNode n = offer(o);
            Rate rate = o.rate(utilisation).orElse(null);
            putRate(n, rate);
            offers.add(n);
        }
        return root;
    }

    private static ObjectNode alternative(Alternative a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.id());
        n.put("kind", a.kind());
        n.put("name", a.name());
        n.put("profile", a.profile());
        n.put("model", a.model());
        n.put("jurisdiction", a.jurisdiction());
        if (a.sovereigntyIndex() == null) n.putNull("sovereignty_index");
        else n.put("sovereignty_index", a.sovereigntyIndex());
        putRate(n, a.rate());
        n.put(
                "uncertain",
                a.rate() == null
                        || a.rate().uncertain()
                        || (a.offer() != null && a.offer().uncertain()));
        n.put("note", a.note());
        n.put("price_caveat", a.priceCaveat());
        if (a.offer() == null) {
            n.putNull("instance");
            n.putNull("accelerator");
            n.putNull("usd_per_hour");
            n.putNull("assumption");
        } else {
            n.put("instance", a.offer().instance());
            ObjectNode acc = n.putObject("accelerator");
            acc.put("kind", a.offer().accelerator());
            acc.put("count", a.offer().acceleratorCount());
            acc.put("memory_gb", a.offer().acceleratorMemoryGb());
            putDecimal(n, "usd_per_hour", a.offer().usdPerHour());
            n.put("assumption", a.offer().assumption());
        }
        strings(n.putArray("sources"), a.sources());
        return n;
    }

    private static ObjectNode offer(Offer o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", o.id());
        n.put("name", o.name());
        n.put("instance", o.instance());
        n.put("region", o.region());
        ObjectNode acc = n.putObject("accelerator");
        acc.put("kind", o.accelerator());
        acc.put("count", o.acceleratorCount());
        acc.put("memory_gb", o.acceleratorMemoryGb());
        putDecimal(n, "usd_per_hour", o.usdPerHour());
        n.put("model_class", o.modelClass());
        ObjectNode tp = n.putObject("throughput");
        putDecimal(tp, "input_tokens_per_second", o.inputTokensPerSecond());
        putDecimal(tp, "output_tokens_per_second", o.outputTokensPerSecond());
        n.put("assumption", o.assumption());
        n.put("profile", o.profile());
        common(n, o.from(), o.to(), o.source(), o.checked(), o.uncertain(), o.note(), o.file());
        return n;
    }

    private static void putRate(ObjectNode n, Rate rate) {
        if (rate == null) {
            n.putNull("usd_per_mtok");
            return;
        }
        ObjectNode r = n.putObject("usd_per_mtok");
        r.put("input", round(rate.input()));
        r.put("output", round(rate.output()));
        putDecimal(r, "cached_input", rate.cachedInput() == null ? null : round(rate.cachedInput()));
        putDecimal(r, "cache_write", rate.cacheWrite() == null ? null : round(rate.cacheWrite()));
    }

    /** Rates to four decimals: finer would be precision the inputs do not have. */
    static BigDecimal round(BigDecimal v) {
        return v.setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static void common(
            ObjectNode n,
            java.time.LocalDate from,
            java.time.LocalDate to,
            String source,
            java.time.LocalDate checked,
            boolean uncertain,
            String note,
            String file) {
        n.put("from", from == null ? null : from.toString());
        n.put("to", to == null ? null : to.toString());
        n.put("source", source);
        n.put("checked", checked.toString());
        n.put("uncertain", uncertain);
        n.put("note", note);
        n.put("file", file);
    }

    private static ObjectNode spend(Spend s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", s.name());
        n.put("requests", s.requests());
        n.put("input_tokens", s.inputTokens());
        n.put("output_tokens", s.outputTokens());
        n.put("cost_micro_usd", s.costMicroUsd());
        n.put("cost_usd", CostEstimate.usd(s.costMicroUsd()));
        n.put("unpriced_requests", s.unpricedRequests());
        n.put("unpriced_input_tokens", s.unpricedInputTokens());
        n.put("unpriced_output_tokens", s.unpricedOutputTokens());
        n.put("priced_now_requests", s.recomputedRequests());
        return n;
    }

    private static void putDecimal(ObjectNode n, String key, BigDecimal v) {
        if (v == null) n.putNull(key);
        else n.put(key, v);
    }

    private static void putInstant(ObjectNode n, String key, java.time.Instant v) {
        if (v == null) n.putNull(key);
        else n.put(key, v.toString());
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
