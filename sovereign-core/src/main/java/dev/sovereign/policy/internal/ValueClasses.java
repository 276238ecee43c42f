package dev.sovereign.policy.internal;

import dev.sovereign.policy.internal.ConditionValues.StringTest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One value per class of a string variable's values that conditions can tell apart: two values every equality
 * and every string test of the conditions answer alike decide alike, so one of them stands for both.
 *
 * <p>Named values (the literals, the values of guarantees and of the provider configuration, and the literals no
 * variable could be attributed to) are all kept: what an unmodelled function makes of them is unknown. Witnesses
 * are made for the string tests — for every set of prefix, suffix and substring tests, a value built to pass
 * exactly those (the longest prefix first, the substrings, the longest suffix last); for each pattern, a few
 * guesses alone and joined with each other test; and values that pass none — and kept only when they answer the
 * tests differently from every value kept before them. Beyond {@link #MAX_COMBINED} prefix, suffix and substring
 * tests on one variable, only pairs are combined and the result is marked incomplete.
 */
public final class ValueClasses {
    private static final String FILLER = "~";
    /** Prefix, suffix and substring tests on one variable whose every combination gets a witness. */
    static final int MAX_COMBINED = 10;

    /** The values, and whether every test got a value that passes it and one that fails it. */
    public record Values(List<String> values, boolean complete) {}

    private ValueClasses() {}

    /**
     * @param named values always kept, in this order (the first is the default of the dimension)
     * @param equalities literals the variable is compared with
     * @param tests string tests applied to the variable
     * @param witnesses further values to keep where they answer differently (the other operations)
     * @param extra what else tells two values apart (the provider model routing sends a model to), or null
     */
    public static Values of(
            Collection<String> named,
            Collection<String> equalities,
            Collection<StringTest> tests,
            Collection<String> witnesses,
            Function<String, Object> extra) {
        Set<String> kept = new LinkedHashSet<>(named);
        kept.addAll(equalities);
        List<StringTest> testList = new ArrayList<>(tests);
        Set<List<Object>> seen = new HashSet<>();
        for (String v : kept) seen.add(vector(v, equalities, testList, extra));
        List<String> candidates = new ArrayList<>(witnesses);
        candidates.addAll(passing(testList));
        for (String w : candidates) {
            if (!kept.contains(w) && seen.add(vector(w, equalities, testList, extra))) kept.add(w);
        }
        boolean complete =
                testList.stream().filter(t -> !t.function().equals("matches")).count() <= MAX_COMBINED;
        for (StringTest t : testList) {
            boolean passes = kept.stream().anyMatch(t::test);
            boolean fails = kept.stream().anyMatch(v -> !t.test(v));
            complete &= passes && fails;
        }
        return new Values(List.copyOf(kept), complete);
    }

    private static List<Object> vector(
            String v, Collection<String> equalities, List<StringTest> tests, Function<String, Object> extra) {
        List<Object> vector = new ArrayList<>(equalities.size() + tests.size() + 1);
        for (String e : equalities) vector.add(e.equals(v));
        for (StringTest t : tests) vector.add(t.test(v));
        if (extra != null) vector.add(extra.apply(v));
        return vector;
    }

    /** Values that pass each test, each combination of tests (each pair, with a pattern), and none. */
    static List<String> passing(List<StringTest> tests) {
        List<String> w = new ArrayList<>();
        List<StringTest> plain =
                tests.stream().filter(t -> !t.function().equals("matches")).toList();
        if (plain.size() <= MAX_COMBINED) {
            for (int mask = 1; mask < 1 << plain.size(); mask++) {
                List<StringTest> chosen = new ArrayList<>();
                for (int i = 0; i < plain.size(); i++) if ((mask & (1 << i)) != 0) chosen.add(plain.get(i));
                w.add(compose(chosen));
            }
        }
        for (StringTest t : tests) w.addAll(pieces(t));
        for (StringTest a : tests) {
            for (StringTest b : tests) {
                if (a == b) continue;
                for (String x : pieces(a)) for (String y : pieces(b)) w.add(join(a, x, b, y));
            }
        }
        w.add(FILLER);
        w.add("");
        return w;
    }

    /** Strings that pass {@code t}: the literal with and without filler around it, or a regex's guesses. */
    private static List<String> pieces(StringTest t) {
        String l = t.literal();
        return switch (t.function()) {
            case "startsWith" -> List.of(l + FILLER, l);
            case "endsWith" -> List.of(FILLER + l, l);
            case "contains" -> List.of(FILLER + l + FILLER, l);
            default -> regexGuesses(l);
        };
    }

    /**
     * A value that passes every one of {@code chosen} if any value does: the prefixes (longest first, so that a
     * shorter one that fits is a prefix of it), the substrings, the suffixes (longest last), with filler between.
     */
    private static String compose(List<StringTest> chosen) {
        StringBuilder sb = new StringBuilder();
        chosen.stream()
                .filter(t -> t.function().equals("startsWith"))
                .map(StringTest::literal)
                .sorted((a, b) -> b.length() - a.length())
                .forEach(sb::append);
        sb.append(FILLER);
        chosen.stream()
                .filter(t -> t.function().equals("contains"))
                .forEach(t -> sb.append(t.literal()).append(FILLER));
        chosen.stream()
                .filter(t -> t.function().equals("endsWith"))
                .map(StringTest::literal)
                .sorted((a, b) -> a.length() - b.length())
                .forEach(sb::append);
        return sb.toString();
    }

    /** A prefix goes first and a suffix last, so that the joined string can pass both tests. */
    private static String join(StringTest a, String x, StringTest b, String y) {
        if (a.function().equals("endsWith") || b.function().equals("startsWith")) return y + x;
        return x + y;
    }

    /**
     * Strings that may match a regular expression: the pattern without its anchors and operators, and with each
     * class or wildcard replaced by a character it accepts. A guess that does not match is dropped by the
     * caller's test, and a test no value passes makes the result incomplete.
     */
    private static List<String> regexGuesses(String regex) {
        String body = regex.replaceAll("^\\^|\\$$", "");
        List<String> guesses = new ArrayList<>();
        guesses.add(body.replaceAll("\\\\(.)", "$1").replaceAll("[\\^$.*+?()\\[\\]{}|]", ""));
        String classes = body.replaceAll("\\\\d", "0")
                .replaceAll("\\\\w", "a")
                .replaceAll("\\\\s", " ")
                .replaceAll("\\[\\^[^\\]]*\\]", FILLER)
                .replaceAll("\\[(.)[^\\]]*\\]", "$1")
                .replace(".", "a")
                .replaceAll("\\{\\d+(,\\d*)?\\}", "")
                .replaceAll("[*?]", "")
                .replace("+", "")
                .replaceAll("\\(\\?:", "(")
                .replaceAll("\\|[^)]*", "")
                .replaceAll("[()]", "")
                .replaceAll("\\\\(.)", "$1");
        guesses.add(classes);
        return guesses;
    }
}
