package dev.sovereign.report;

import dev.sovereign.audit.AuditedRequest;
import dev.sovereign.index.Dimension;
import dev.sovereign.index.Jurisdiction;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Accumulates audited requests into a {@link Posture}. Each forwarded request weighs the Sovereignty Index total of
 * its provider's deployment on the request's date ({@link DeploymentScores}), so a vendor risk event or a changed
 * fact moves the trend from its date on. The jurisdiction counted is the one recorded in the request's decision
 * event, as it stood then.
 *
 * <p>Memory grows with the number of distinct workloads, keys, teams, providers, categories and periods, not with
 * the number of requests. Not thread-safe.
 */
public final class PostureBuilder implements Consumer<AuditedRequest> {
    /** The length of one period of the series. */
    public enum Granularity {
        HOUR,
        DAY,
        WEEK,
        MONTH;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Granularity of(String id) {
            for (Granularity g : values()) if (g.id().equals(id)) return g;
            throw new IllegalArgumentException("unknown granularity '" + id + "' (hour, day, week, month)");
        }

        /** The start of the period holding {@code time}, in UTC; weeks start on Monday. */
        Instant start(Instant time) {
            if (this == HOUR) return time.truncatedTo(ChronoUnit.HOURS);
            ZonedDateTime t = time.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
            return switch (this) {
                case HOUR, DAY -> t.toInstant();
                case WEEK ->
                    t.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
                case MONTH -> t.withDayOfMonth(1).toInstant();
            };
        }
    }

    private final DeploymentScores scores;
    private final Granularity granularity;
    private final String domicile;
    private final Tally totals = new Tally();
    private final Map<Instant, Tally> series = new TreeMap<>();
    private final Map<String, Flows> categories = new TreeMap<>();
    private final Map<String, Tally> byWorkload = new TreeMap<>();
    private final Map<String, Tally> byKey = new TreeMap<>();
    private final Map<String, Tally> byTeam = new TreeMap<>();
    private final Map<String, Tally> byProvider = new TreeMap<>();
    private final Map<List<String>, Map<String, Long>> outsideFlows = new TreeMap<>(PostureBuilder::compareKeys);
    private final Map<List<String>, Long> outsideRequests = new LinkedHashMap<>();
    private long outsideCount;
    private long outsideInput;
    private long outsideOutput;

    /** A workload, key or team absent from the event. */
    public static final String NONE = "(none)";

    public PostureBuilder(DeploymentScores scores, Granularity granularity, String domicile) {
        this.scores = scores;
        this.granularity = granularity;
        this.domicile = domicile;
    }

    @Override
    public void accept(AuditedRequest r) {
        LocalDate date = r.time().atZone(ZoneOffset.UTC).toLocalDate();
        DeploymentScores.Score score = r.forwarded() ? scores.score(r.provider(), date) : null;
        String jurisdiction = r.jurisdiction() == null ? Jurisdiction.UNKNOWN : r.jurisdiction();
        totals.add(r, score);
        Tally period = series.computeIfAbsent(granularity.start(r.time()), t -> new Tally());
        period.add(r, score);
        if (r.forwarded()) {
            period.jurisdictions.merge(jurisdiction, 1L, Long::sum);
            period.providers.merge(nz(r.provider()), 1L, Long::sum);
        }
        group(byWorkload, r.workload(), r, score, jurisdiction);
        group(byKey, r.key(), r, score, jurisdiction);
        group(byTeam, r.team(), r, score, jurisdiction);
        if (r.provider() != null) group(byProvider, r.provider(), r, score, jurisdiction);

        // A request that fell back reached its earlier targets too: each jurisdiction it went to counts once.
        java.util.Set<String> reachedJurisdictions = new java.util.LinkedHashSet<>();
        for (var t : r.earlierTargets()) {
            reachedJurisdictions.add(t.jurisdiction() == null ? Jurisdiction.UNKNOWN : t.jurisdiction());
        }
        reachedJurisdictions.add(jurisdiction);
        boolean blocked = !r.forwarded();
        for (String c : r.categories().keySet()) {
            Flows f = categories.computeIfAbsent(c, k -> new Flows());
            f.requests++;
            if (blocked) f.blocked++;
            else {
                for (String j : reachedJurisdictions) {
                    (r.redacted().contains(c) ? f.redacted : f.reached).merge(j, 1L, Long::sum);
                }
            }
        }
        if (!r.forwarded()) return;
        List<String> sensitive =
                r.reaching().stream().filter(c -> !c.startsWith("content.")).toList();
        if (sensitive.isEmpty()) return;
        boolean outside = false;
        List<String[]> targets = new java.util.ArrayList<>();
        for (var t : r.earlierTargets()) {
            targets.add(
                    new String[] {t.provider(), t.jurisdiction() == null ? Jurisdiction.UNKNOWN : t.jurisdiction()});
        }
        targets.add(new String[] {r.provider(), jurisdiction});
        for (String[] t : targets) {
            if (Jurisdiction.EU.equals(t[1])) continue;
            outside = true;
            List<String> key = List.of(nz(r.rule()), t[0], t[1]);
            Map<String, Long> cats = outsideFlows.computeIfAbsent(key, k -> new TreeMap<>());
            for (String c : sensitive) cats.merge(c, 1L, Long::sum);
            outsideRequests.merge(key, 1L, Long::sum);
        }
        if (outside) {
            outsideCount++;
            outsideInput += r.inputTokens() == null ? 0 : r.inputTokens();
            outsideOutput += r.outputTokens() == null ? 0 : r.outputTokens();
        }
    }

    private static void group(
            Map<String, Tally> groups, String name, AuditedRequest r, DeploymentScores.Score s, String jurisdiction) {
        Tally t = groups.computeIfAbsent(name == null ? NONE : name, k -> new Tally());
        t.add(r, s);
        if (r.forwarded()) t.jurisdictions.merge(jurisdiction, 1L, Long::sum);
    }

    /** The posture over [{@code from}, {@code to}); either may be {@code null} (unbounded). */
    public Posture build(Instant from, Instant to) {
        LocalDate end = to == null
                ? LocalDate.now(ZoneOffset.UTC)
                : to.minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, Long> weights = new LinkedHashMap<>();
        scores.weights().percentages().forEach((Dimension d, Long p) -> weights.put(d.id(), p));
        List<Posture.Bucket> buckets = new ArrayList<>();
        series.forEach((start, t) -> buckets.add(
                new Posture.Bucket(start, t.totals(), new TreeMap<>(t.jurisdictions), new TreeMap<>(t.providers))));
        List<Posture.CategoryFlow> flows = new ArrayList<>();
        categories.forEach((c, f) -> flows.add(new Posture.CategoryFlow(
                c, f.requests, new TreeMap<>(f.reached), new TreeMap<>(f.redacted), f.blocked)));
        List<Posture.ProviderRow> providers = new ArrayList<>();
        byProvider.forEach((p, t) -> {
            DeploymentScores.Score s = scores.score(p, end);
            providers.add(new Posture.ProviderRow(
                    p, s.profile(), s.jurisdiction(), s.known() ? round(s.total()) : null, t.totals()));
        });
        List<Posture.Flow> outside = new ArrayList<>();
        outsideFlows.forEach(
                (k, cats) -> outside.add(new Posture.Flow(k.get(0), k.get(1), k.get(2), cats, outsideRequests.get(k))));
        return new Posture(
                from,
                to,
                granularity.id(),
                weights,
                domicile,
                totals.totals(),
                buckets,
                flows,
                groups(byWorkload),
                groups(byKey),
                groups(byTeam),
                providers,
                new Posture.OutsideEu(outsideCount, outsideInput, outsideOutput, outside));
    }

    private static List<Posture.Group> groups(Map<String, Tally> groups) {
        List<Posture.Group> out = new ArrayList<>();
        groups.forEach((name, t) -> out.add(new Posture.Group(name, t.totals(), new TreeMap<>(t.jurisdictions))));
        return out;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }

    private static String nz(String s) {
        return s == null ? NONE : s;
    }

    static Double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Where one category went. */
    private static final class Flows {
        long requests;
        long blocked;
        final Map<String, Long> reached = new TreeMap<>();
        final Map<String, Long> redacted = new TreeMap<>();
    }

    /** Running counts behind {@link Posture.Totals}. */
    private static final class Tally {
        long requests, forwarded, redacted, rerouted, blocked, unroutable, failed, input, output, unscored;
        double scoreSum, tokenScoreSum;
        long scoredTokens;
        final Map<String, Long> jurisdictions = new TreeMap<>();
        final Map<String, Long> providers = new TreeMap<>();

        void add(AuditedRequest r, DeploymentScores.Score s) {
            requests++;
            input += r.inputTokens() == null ? 0 : r.inputTokens();
            output += r.outputTokens() == null ? 0 : r.outputTokens();
            if (!r.forwarded()) {
                if ("unroutable".equals(r.action())) unroutable++;
                else blocked++;
                return;
            }
            forwarded++;
            if (!r.redacted().isEmpty() || "redact".equals(r.action())) redacted++;
            if (r.rerouted()) rerouted++;
            if (r.status() != null && r.status() >= 400) failed++;
            if (!s.known()) unscored++;
            scoreSum += s.total();
            long tokens = r.tokens();
            tokenScoreSum += s.total() * tokens;
            scoredTokens += tokens;
        }

        Posture.Totals totals() {
            return new Posture.Totals(
                    requests,
                    forwarded,
                    redacted,
                    rerouted,
                    blocked,
                    unroutable,
                    failed,
                    input,
                    output,
                    forwarded == 0 ? null : round(scoreSum / forwarded),
                    scoredTokens == 0 ? null : round(tokenScoreSum / scoredTokens),
                    unscored);
        }
    }
}
