package dev.sovereign.cost.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.cost.ApiPrice;
import dev.sovereign.cost.Offer;
import dev.sovereign.cost.Premium;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one {@code prices.yaml} tree into price entries, premiums and offers, checking every field; a message names
 * the file and the path of the field ({@code config/prices.yaml: api[2].usd_per_mtok.input: …}).
 */
public final class PriceFile {
    private static final Set<String> TOP = Set.of("utilisation", "api", "premiums", "self_hosted");
    private static final Set<String> COMMON = Set.of("id", "from", "to", "source", "checked", "uncertain", "note");
    private static final Set<String> API = union(COMMON, "profiles", "models", "usd_per_mtok");
    private static final Set<String> RATES = Set.of("input", "output", "cached_input", "cache_write");
    private static final Set<String> PREMIUM = union(COMMON, "profiles", "models", "factor");
    private static final Set<String> OFFER = union(
            COMMON,
            "name",
            "instance",
            "region",
            "accelerator",
            "usd_per_hour",
            "model_class",
            "throughput",
            "assumption",
            "profile");
    private static final Set<String> ACCELERATOR = Set.of("kind", "count", "memory_gb");
    private static final Set<String> THROUGHPUT = Set.of("input_tokens_per_second", "output_tokens_per_second");

    public final List<ApiPrice> api = new ArrayList<>();
    public final List<Premium> premiums = new ArrayList<>();
    public final List<Offer> offers = new ArrayList<>();
    public Double utilisation;

    private final String file;

    public PriceFile(JsonNode root, String file) {
        this.file = file;
        if (!root.isObject()) throw error("", "expected a mapping with api, premiums, self_hosted");
        known(root, "", TOP);
        if (root.has("utilisation")) {
            double u = number(root, "", "utilisation", true).doubleValue();
            if (!(u > 0 && u <= 1)) throw error("utilisation", "must be more than 0 and at most 1, not " + u);
            utilisation = u;
        }
        int i = 0;
        for (JsonNode n : list(root, "api")) api.add(api(n, "api[" + i++ + "]"));
        i = 0;
        for (JsonNode n : list(root, "premiums")) premiums.add(premium(n, "premiums[" + i++ + "]"));
        i = 0;
        for (JsonNode n : list(root, "self_hosted")) offers.add(offer(n, "self_hosted[" + i++ + "]"));
    }

    private ApiPrice api(JsonNode n, String at) {
        known(n, at, API);
        JsonNode rates = n.get("usd_per_mtok");
        if (rates == null || !rates.isObject())
            throw error(at + ".usd_per_mtok", "required: {input: …, output: …} in USD per million tokens");
        known(rates, at + ".usd_per_mtok", RATES);
        String r = at + ".usd_per_mtok";
        LocalDate[] period = period(n, at);
        return new ApiPrice(
                text(n, at, "id"),
                strings(n, at, "profiles"),
                strings(n, at, "models"),
                number(rates, r, "input", true),
                number(rates, r, "output", true),
                number(rates, r, "cached_input", false),
                number(rates, r, "cache_write", false),
                period[0],
                period[1],
                source(n, at),
                date(n, at, "checked", true),
                n.path("uncertain").asBoolean(false),
                n.path("note").asText(null),
                file);
    }

    private Premium premium(JsonNode n, String at) {
        known(n, at, PREMIUM);
        BigDecimal factor = number(n, at, "factor", true);
        if (factor.signum() <= 0) throw error(at + ".factor", "must be more than 0, not " + factor);
        LocalDate[] period = period(n, at);
        return new Premium(
                text(n, at, "id"),
                strings(n, at, "profiles"),
                strings(n, at, "models"),
                factor,
                period[0],
                period[1],
                source(n, at),
                date(n, at, "checked", true),
                n.path("uncertain").asBoolean(false),
                n.path("note").asText(null),
                file);
    }

    private Offer offer(JsonNode n, String at) {
        known(n, at, OFFER);
        JsonNode acc = n.get("accelerator");
        if (acc == null || !acc.isObject())
            throw error(at + ".accelerator", "required: {kind: …, count: …, memory_gb: …}");
        known(acc, at + ".accelerator", ACCELERATOR);
        BigDecimal count = number(acc, at + ".accelerator", "count", true);
        BigDecimal memory = number(acc, at + ".accelerator", "memory_gb", true);
        if (count.signum() <= 0 || count.stripTrailingZeros().scale() > 0)
            throw error(at + ".accelerator.count", "must be a whole number more than 0, not " + count);
        JsonNode tp = n.get("throughput");
        BigDecimal in = null;
        BigDecimal out = null;
        if (tp != null) {
            known(tp, at + ".throughput", THROUGHPUT);
            in = positive(tp, at + ".throughput", "input_tokens_per_second");
            out = positive(tp, at + ".throughput", "output_tokens_per_second");
            if (!n.hasNonNull("assumption"))
                throw error(at + ".assumption", "required with a throughput: say how it was assumed or measured");
        }
        LocalDate[] period = period(n, at);
        return new Offer(
                text(n, at, "id"),
                text(n, at, "name"),
                text(n, at, "instance"),
                n.path("region").asText(null),
                text(acc, at + ".accelerator", "kind"),
                count.intValue(),
                memory.intValue(),
                number(n, at, "usd_per_hour", false),
                n.path("model_class").asText(null),
                in,
                out,
                n.path("assumption").asText(null),
                n.path("profile").asText(null),
                period[0],
                period[1],
                source(n, at),
                date(n, at, "checked", true),
                n.path("uncertain").asBoolean(false),
                n.path("note").asText(null),
                file);
    }

    private LocalDate[] period(JsonNode n, String at) {
        LocalDate from = date(n, at, "from", false);
        LocalDate to = date(n, at, "to", false);
        if (from != null && to != null && to.isBefore(from)) throw error(at + ".to", to + " is before 'from' " + from);
        return new LocalDate[] {from, to};
    }

    private String source(JsonNode n, String at) {
        String s = n.path("source").asText(null);
        if (s == null || !s.startsWith("http"))
            throw error(at + ".source", "every price needs the URL of the page it was taken from");
        return s;
    }

    private BigDecimal positive(JsonNode n, String at, String field) {
        BigDecimal v = number(n, at, field, true);
        if (v.signum() <= 0) throw error(at + "." + field, "must be more than 0, not " + v);
        return v;
    }

    private BigDecimal number(JsonNode n, String at, String field, boolean required) {
        String path = at.isEmpty() ? field : at + "." + field;
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw error(path, "required, a number");
            return null;
        }
        if (!v.isNumber()) throw error(path, "'" + v.asText() + "' is not a number");
        BigDecimal d = new BigDecimal(v.asText());
        if (d.signum() < 0) throw error(path, "must not be negative, not " + d);
        return d;
    }

    private LocalDate date(JsonNode n, String at, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw error(at + "." + field, "required (YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw error(at + "." + field, "'" + v.asText() + "' is not a date (YYYY-MM-DD)");
        }
    }

    private String text(JsonNode n, String at, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) throw error(at + "." + field, "required");
        return v.asText();
    }

    private List<String> strings(JsonNode n, String at, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray() || v.isEmpty())
            throw error(at + "." + field, "required, a list of at least one " + field.replaceAll("s$", ""));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode x : v) {
            if (!x.isValueNode() || x.asText().isBlank())
                throw error(at + "." + field + "[" + i + "]", "must be a non-empty string");
            out.add(x.asText());
            i++;
        }
        return out;
    }

    private List<JsonNode> list(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw error(field, "must be a list");
        List<JsonNode> out = new ArrayList<>();
        int i = 0;
        for (JsonNode x : v) {
            if (!x.isObject()) throw error(field + "[" + i + "]", "must be a mapping");
            out.add(x);
            i++;
        }
        return out;
    }

    private void known(JsonNode n, String at, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f))
                throw error(
                        at.isEmpty() ? f : at + "." + f,
                        "unknown setting '" + f + "'; expected one of: "
                                + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private IllegalArgumentException error(String path, String message) {
        return new IllegalArgumentException(file + (path.isEmpty() ? "" : ": " + path) + ": " + message);
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> s = new java.util.HashSet<>(base);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }
}
