package dev.sovereign.bench.classify;

import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy of the identifier detectors on labelled values that other projects wrote (see {@code independent/README.md}
 * beside the data files, produced by {@link IndependentIdentifiers}).
 *
 * <p>Each value is scanned three ways: bare, inside a neutral sentence without a context word, and inside a sentence
 * with its category's context word. A valid value is a true positive when the classifier (default catalogue and
 * threshold) reports a finding of its category overlapping it, else a false negative. An invalid value (its check
 * digit, date or structure is wrong by the source's validator) reported in its category with a confidence above 0.5
 * is a false positive; so is a finding of another identifier family on any value (a card number reported in an IBAN).
 * Nothing is tuned to these files: they are read as the sources wrote them.
 *
 * <p>Usage: {@code IdentifierEvaluation [--misses]} prints markdown tables per family, per category, per source and per
 * form; with {@code --misses}, first each value the detectors got wrong.
 */
public final class IdentifierEvaluation {
    /** The data files, one per source. */
    public static final List<String> SOURCES =
            List.of("python-stdnum", "php-iban", "commons-validator", "presidio", "libphonenumber");

    /** The three ways a value is written. */
    enum Form {
        BARE,
        NEUTRAL,
        CONTEXT
    }

    /** One labelled value. */
    public record Labelled(String category, boolean valid, String value, String source) {
        /** The family a category belongs to in the tables: iban, vat, card, phone, national id. */
        public String family() {
            return IdentifierEvaluation.family(category);
        }
    }

    /** Counts of one table row. */
    public static final class Score {
        public int tp;
        public int fp;
        public int fn;
        /** Invalid values seen, and those reported above 0.5 in their category. */
        public int invalid;

        public int invalidReported;

        void add(Score o) {
            tp += o.tp;
            fp += o.fp;
            fn += o.fn;
            invalid += o.invalid;
            invalidReported += o.invalidReported;
        }

        public double precision() {
            return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Share of invalid values reported above 0.5 in their category. */
        public double invalidRate() {
            return invalid == 0 ? 0 : invalidReported / (double) invalid;
        }
    }

    /** Scores by family, by category, by source and family, and by form and family. */
    public record Result(
            Map<String, Score> families,
            Map<String, Score> categories,
            Map<String, Score> sources,
            Map<String, Score> forms) {}

    private IdentifierEvaluation() {}

    static String family(String category) {
        if (category.equals("financial.iban")) return "iban";
        if (category.equals("financial.vat_id")) return "vat";
        if (category.equals("financial.card_number")) return "card";
        if (category.equals("pii.phone")) return "phone";
        return "national id";
    }

    /** The words a person writes before a value of this category. */
    static String contextWord(String category) {
        return switch (category) {
            case "financial.iban" -> "IBAN";
            case "financial.vat_id" -> "VAT number";
            case "financial.card_number" -> "credit card number";
            case "pii.phone" -> "phone number";
            case "pii.national_id.es" -> "DNI";
            case "pii.national_id.fi" -> "henkilötunnus";
            case "pii.national_id.it" -> "codice fiscale";
            case "pii.national_id.se" -> "personnummer";
            case "pii.tax_id.de" -> "Steuer-ID";
            case "pii.national_id.ie" -> "PPS number";
            case "pii.national_id.be" -> "rijksregisternummer";
            case "pii.national_id.pl" -> "PESEL";
            case "pii.national_id.nl" -> "BSN";
            case "pii.national_id.fr" -> "numéro de sécurité sociale";
            case "pii.national_id.dk" -> "CPR-nummer";
            case "pii.national_id.us" -> "SSN";
            case "pii.national_id.gb" -> "National Insurance number";
            case "pii.health_insurance.gb" -> "NHS number";
            case "pii.tax_id.pt" -> "NIF";
            default -> throw new IllegalArgumentException("no context word for " + category);
        };
    }

    static String write(Form form, Labelled l) {
        return switch (form) {
            case BARE -> l.value();
            case NEUTRAL -> "Please copy " + l.value() + " into the second field before Friday.";
            case CONTEXT -> "For the record, my " + contextWord(l.category()) + " is " + l.value() + ".";
        };
    }

    /** The committed data of every source. */
    public static List<Labelled> load() {
        List<Labelled> all = new ArrayList<>();
        for (String source : SOURCES) {
            String resource = "independent/" + source + ".tsv";
            try (InputStream in = IdentifierEvaluation.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t");
                    all.add(new Labelled(f[0], f[1].equals("valid"), f[2], source));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    public static Result evaluate(Classifier classifier, List<Labelled> data) {
        return evaluate(classifier, data, false);
    }

    /** With {@code misses}, prints each missed valid value and each invalid value reported above 0.5. */
    public static Result evaluate(Classifier classifier, List<Labelled> data, boolean misses) {
        Map<String, Score> families = new TreeMap<>();
        Map<String, Score> categories = new TreeMap<>();
        Map<String, Score> sources = new TreeMap<>();
        Map<String, Score> forms = new TreeMap<>();
        for (Labelled l : data) {
            for (Form form : Form.values()) {
                String text = write(form, l);
                int start = text.indexOf(l.value());
                int end = start + l.value().length();
                Score score = new Score();
                boolean found = false;
                boolean confident = false;
                for (Finding f : classifier.scan(text)) {
                    if (f.end() <= start || f.start() >= end) {
                        continue;
                    }
                    if (f.category().equals(l.category())) {
                        found = true;
                        confident |= f.confidence() > 0.5;
                    } else if (isIdentifier(f.category())
                            && !family(f.category()).equals(l.family())) {
                        count(families, family(f.category())).fp++; // another family claims this value
                        if (misses) {
                            System.out.println("claimed\t" + f.category() + "\t" + l.category() + "\t" + text);
                        }
                    }
                }
                if (misses && (l.valid() ? !found : confident)) {
                    System.out.println((l.valid() ? "missed\t" : "reported\t") + l.category() + "\t" + text);
                }
                if (l.valid()) {
                    if (found) score.tp++;
                    else score.fn++;
                } else {
                    score.invalid++;
                    if (confident) {
                        score.invalidReported++;
                        score.fp++;
                    }
                }
                count(families, l.family()).add(score);
                count(categories, l.category()).add(score);
                count(sources, l.source() + " | " + l.family()).add(score);
                count(forms, form.name().toLowerCase() + " | " + l.family()).add(score);
            }
        }
        return new Result(families, categories, sources, forms);
    }

    private static boolean isIdentifier(String category) {
        return category.startsWith("financial.iban")
                || category.startsWith("financial.vat_id")
                || category.startsWith("financial.card_number")
                || category.startsWith("pii.phone")
                || category.startsWith("pii.national_id")
                || category.startsWith("pii.tax_id")
                || category.startsWith("pii.health_insurance");
    }

    private static Score count(Map<String, Score> map, String key) {
        return map.computeIfAbsent(key, k -> new Score());
    }

    public static void main(String[] args) {
        List<Labelled> data = load();
        Result r = evaluate(Classifier.defaults(), data, args.length > 0 && args[0].equals("--misses"));
        long valid = data.stream().filter(Labelled::valid).count();
        System.out.printf(
                "Independent identifiers: %d values (%d valid, %d invalid), each bare, in a neutral sentence and"
                        + " with a context word%n%n",
                data.size(), valid, data.size() - valid);
        table("family", r.families());
        table("category", r.categories());
        table("source | family", r.sources());
        table("form | family", r.forms());
    }

    private static void table(String key, Map<String, Score> rows) {
        System.out.println("| " + key + " | TP | FP | FN | precision | recall | F1 | invalid above 0.5 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Score> e : rows.entrySet()) {
            Score s = e.getValue();
            String invalid = s.invalid == 0
                    ? "–"
                    : String.format("%d / %d (%.1f %%)", s.invalidReported, s.invalid, 100 * s.invalidRate());
            System.out.printf(
                    "| %s | %d | %d | %d | %.3f | %.3f | %.3f | %s |%n",
                    e.getKey(), s.tp, s.fp, s.fn, s.precision(), s.recall(), s.f1(), invalid);
        }
        System.out.println();
    }
}
