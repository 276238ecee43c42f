package dev.sovereign.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the Enterprise AI Sovereignty Index from sourced facts by the published rubric, as of any
 * date: a profile's facts valid on that date, overridden by the vendor risk events up to it. A fact
 * that is unknown on the date scores its worst option and is flagged. Pure and thread-safe.
 */
public final class SovereigntyIndex {
    private final Rubric rubric;
    private final Catalog catalog;

    public SovereigntyIndex(Rubric rubric, Catalog catalog) {
        this.rubric = rubric;
        this.catalog = catalog;
    }

    public static SovereigntyIndex defaults() {
        Rubric rubric = Rubric.defaults();
        return new SovereigntyIndex(rubric, Catalog.defaults(rubric));
    }

    /**
     * The index with the organisation's own profiles ({@code profiles/*.yaml}) and vendor events ({@code
     * events.yaml}) of {@code configDir} added to the built-in ones; {@code configDir} may be {@code null} or absent.
     */
    public static SovereigntyIndex load(java.nio.file.Path configDir) {
        Rubric rubric = Rubric.defaults();
        return new SovereigntyIndex(
                rubric,
                Catalog.load(
                        rubric,
                        configDir == null ? null : configDir.resolve("profiles"),
                        configDir == null ? null : configDir.resolve("events.yaml")));
    }

    public Rubric rubric() {
        return rubric;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * @param domicile where the organisation is established ({@code eu} or another value), for gates
     */
    public List<IndexRow> compute(LocalDate asOf, Weights weights, String domicile) {
        List<IndexRow> rows = new ArrayList<>();
        for (Profile p : catalog.profiles().values()) rows.add(row(p, asOf, weights, domicile));
        return rows;
    }

    public IndexRow row(Profile profile, LocalDate asOf, Weights weights, String domicile) {
        Map<String, ResolvedFact> facts = resolve(profile, asOf);
        Map<Dimension, Integer> subscores = new EnumMap<>(Dimension.class);
        List<String> flags = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            int sum = 0;
            for (RubricAttribute a : rubric.attributes(d))
                sum += facts.get(a.id()).points();
            subscores.put(d, Math.min(100, sum));
        }
        for (ResolvedFact f : facts.values()) {
            if (f.unknown())
                flags.add("unknown: " + f.attribute() + " (scored as " + String.join(",", f.value()) + ")");
            else if (f.uncertain()) flags.add("uncertain: " + f.attribute() + " (to re-check)");
        }
        boolean disqualified = false;
        for (Gate g : profile.gates()) {
            if (g.appliesTo(domicile)) {
                disqualified = true;
                flags.add("disqualified: " + g.reason());
            }
        }
        for (VendorEvent e : catalog.events()) {
            if (e.profiles().contains(profile.id()) && !e.date().isAfter(asOf)) {
                flags.add("event " + e.date() + ": " + e.title());
            }
        }
        double exact = total(subscores, weights);
        return new IndexRow(
                profile.id(),
                profile.name(),
                Math.round(exact),
                exact,
                subscores,
                flags,
                disqualified,
                List.copyOf(facts.values()));
    }

    private static double total(Map<Dimension, Integer> subscores, Weights weights) {
        double t = 0;
        for (Dimension d : Dimension.values()) t += weights.of(d) * subscores.get(d);
        return t;
    }

    /** Every rubric attribute's value for {@code profile} on {@code date}. */
    public Map<String, ResolvedFact> resolve(Profile profile, LocalDate date) {
        Map<String, ResolvedFact> resolved = new LinkedHashMap<>();
        for (RubricAttribute a : rubric.attributes().values()) {
            ResolvedFact fact = null;
            for (Fact f : profile.facts().getOrDefault(a.id(), List.of())) {
                if (f.validOn(date)) {
                    fact = new ResolvedFact(
                            a.id(), f.value(), a.points(f.value()), a.max(), f.source(), false, f.uncertain(), null);
                }
            }
            for (VendorEvent e : catalog.events()) {
                if (e.date().isAfter(date) || !e.profiles().contains(profile.id())) continue;
                List<String> value = e.changes().get(a.id());
                if (value == null) continue;
                // A profile fact that starts after the event is newer knowledge and wins.
                boolean newerFact = fact != null
                        && fact.event() == null
                        && profile.facts().getOrDefault(a.id(), List.of()).stream()
                                .anyMatch(f -> f.validOn(date)
                                        && f.from() != null
                                        && f.from().isAfter(e.date()));
                if (!newerFact)
                    fact = new ResolvedFact(a.id(), value, a.points(value), a.max(), e.source(), false, false, e);
            }
            if (fact == null)
                fact = new ResolvedFact(a.id(), a.worstValue(), a.worst(), a.max(), null, true, false, null);
            resolved.put(a.id(), fact);
        }
        return resolved;
    }

    /**
     * How a row's total moves when one dimension's weight rises by {@code delta} (a fraction, e.g. 0.10),
     * the other weights shrinking in proportion.
     */
    public Map<Dimension, Double> sensitivity(IndexRow row, Weights weights, double delta) {
        Map<Dimension, Double> moves = new EnumMap<>(Dimension.class);
        double base = total(row.subscores(), weights);
        for (Dimension d : Dimension.values()) moves.put(d, total(row.subscores(), weights.shifted(d, delta)) - base);
        return moves;
    }

    /** The facts that cost a row the most points of its total, largest first. */
    public List<Driver> drivers(IndexRow row, Weights weights, int limit) {
        List<Driver> drivers = new ArrayList<>();
        for (ResolvedFact f : row.facts()) {
            RubricAttribute a = rubric.attribute(f.attribute());
            double lost = (f.maxPoints() - f.points()) * weights.of(a.dimension());
            if (lost > 0) drivers.add(new Driver(a.id(), a.dimension(), f.value(), lost));
        }
        drivers.sort(Comparator.comparingDouble(Driver::pointsLost).reversed());
        return drivers.subList(0, Math.min(limit, drivers.size()));
    }

    /** A fact that keeps a total down: the points of the total it costs. */
    public record Driver(String attribute, Dimension dimension, List<String> value, double pointsLost) {}

    /** What changed for a profile between two dates, fact by fact, with the event behind each change. */
    public List<Change> changes(Profile profile, LocalDate from, LocalDate to, Weights weights) {
        Map<String, ResolvedFact> before = resolve(profile, from);
        Map<String, ResolvedFact> after = resolve(profile, to);
        List<Change> changes = new ArrayList<>();
        for (String attribute : before.keySet()) {
            ResolvedFact b = before.get(attribute);
            ResolvedFact a = after.get(attribute);
            if (Objects.equals(b.value(), a.value()) && b.unknown() == a.unknown()) continue;
            RubricAttribute ra = rubric.attribute(attribute);
            double effect = (a.points() - b.points()) * weights.of(ra.dimension());
            changes.add(new Change(attribute, ra.dimension(), b.value(), a.value(), effect, a.event(), a.source()));
        }
        return changes;
    }

    /**
     * One fact that differs between two dates.
     *
     * @param effect the change of the total it causes
     */
    public record Change(
            String attribute,
            Dimension dimension,
            List<String> before,
            List<String> after,
            double effect,
            VendorEvent event,
            String source) {}
}
