package dev.sovereign.bench.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A labelled multilingual corpus, generated from a seed: valid identifiers in realistic sentences of EN, FR, DE, ES,
 * IT and NL, names, addresses (with a street, or a postcode and city alone), dates of birth with the month in words,
 * special-category statements, and hard negatives (order numbers, invoice ids, timestamps, UUIDs, versions, hashes,
 * code, numbers that fail their checksum, capitalised words that are not names, years before city names, dates without
 * a date-of-birth word). Same seed, same corpus.
 */
public final class Corpus {
    /**
     * A named part of the corpus that is also scored on its own: one kind of value of a category (Corsican NIR, dates
     * of birth with the month in words) or one family of hard negatives for a category.
     */
    public record Subset(String category, String name) {}

    /** A gold label: the category and span of one sensitive value, and its subset (null for none). */
    public record Label(String category, int start, int end, Subset subset) {}

    /** The part of a document's text that one subset generated. */
    public record Region(Subset subset, int start, int end) {}

    /** One document, its labels, and the regions of its text that belong to a subset (positive or negative). */
    public record Document(String text, List<Label> labels, List<Region> regions) {}

    /** FR NIR of people born in Corsica (department 2A or 2B), with and without spaces. */
    public static final Subset CORSICAN_NIR = new Subset("pii.national_id.fr", "Corsican NIR (2A, 2B)");

    /** Dates of birth with the month in words, EN FR DE ES IT NL. */
    public static final Subset DATES_IN_WORDS = new Subset("pii.date_of_birth", "month in words (EN FR DE ES IT NL)");

    /** A postcode and its city with no street before them. */
    public static final Subset POSTCODE_CITY = new Subset("pii.postal_address", "postcode + city, no street");

    public static final Subset NOT_NAMES =
            new Subset("pii.person_name", "hard negatives: capitalised words that are not names (tuning list)");
    public static final Subset NOT_NAMES_HELD_OUT =
            new Subset("pii.person_name", "hard negatives: capitalised words that are not names (held-out list)");
    public static final Subset NOT_POSTCODES =
            new Subset("pii.postal_address", "hard negatives: year or quantity before a city");
    public static final Subset NOT_DATES_OF_BIRTH =
            new Subset("pii.date_of_birth", "hard negatives: dates in words, no date-of-birth word");

    private final Random random;
    private final Values values;
    private final Generators generators;
    private final HardNegatives hardNegatives;

    public Corpus(long seed) {
        this.random = new Random(seed);
        this.values = new Values(random);
        this.generators = new Generators(random, values);
        this.hardNegatives = new HardNegatives(random);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static final class Builder {
        final StringBuilder text = new StringBuilder();
        final List<Label> labels = new ArrayList<>();
        final List<Region> regions = new ArrayList<>();

        Builder fill(String template, String category, String value) {
            return fill(template, category, value, null);
        }

        Builder fill(String template, String category, String value, Subset subset) {
            int at = template.indexOf("{}");
            int start = text.length();
            text.append(template, 0, at);
            if (category != null) {
                labels.add(new Label(category, text.length(), text.length() + value.length(), subset));
            }
            text.append(value).append(template.substring(at + 2));
            if (subset != null) {
                regions.add(new Region(subset, start, text.length()));
            }
            return this;
        }

        Document build() {
            return new Document(text.toString(), List.copyOf(labels), List.copyOf(regions));
        }
    }

    /** A template with {@code {}} where the value goes, and the value. */
    record Sample(String template, String value) {}

    record Generator(String category, Subset subset, Supplier<Sample> sample, boolean checksum) {}

    /** Text that is not sensitive, and the subset of hard negatives it belongs to (null for the general ones). */
    private record Negative(Subset subset, Supplier<String> text) {}

    /** Special-category statements; terms in square brackets are labelled, some are absent from the dictionaries. */
    private static final List<String[]> SPECIAL = List.of(
            new String[] {"special.health", "She was [diagnosed] with [diabetes] in 2019."},
            new String[] {"special.health", "Le patient souffre d'[épilepsie] depuis l'enfance."},
            new String[] {"special.health", "Er nimmt [Antidepressiva] wegen seiner [Depression]."},
            new String[] {"special.health", "Mi madre tiene [cáncer] de mama."},
            new String[] {"special.health", "Ha avuto un [infarto] l'anno scorso."},
            new String[] {"special.health", "Hij heeft [suikerziekte] en gebruikt [insuline]."},
            new String[] {"special.health", "He has [Crohn's disease] and takes [mesalazine]."},
            new String[] {"special.health", "Elle est [enceinte] de cinq mois."},
            new String[] {"special.religion", "As a [practising Muslim] he fasts during [Ramadan]."},
            new String[] {"special.religion", "Sie ist [katholisch] und geht sonntags zur Kirche."},
            new String[] {"special.religion", "Il est [juif] et mange [kosher]."},
            new String[] {"special.political", "He is a [party member] of the [Labour Party]."},
            new String[] {"special.political", "Je suis [adhérent du parti] depuis 2015."},
            new String[] {"special.trade_union", "She is a [union member] and [shop steward]."},
            new String[] {"special.trade_union", "Er ist [Gewerkschaftsmitglied] bei der [IG Metall]."},
            new String[] {"special.sexual_orientation", "He [came out as] [gay] last year."},
            new String[] {"special.sexual_orientation", "Sa [orientation sexuelle] ne regarde personne."},
            new String[] {"special.biometric", "Employees clock in with their [fingerprint]."},
            new String[] {"special.biometric", "Wir nutzen [Gesichtserkennung] am Eingang."},
            new String[] {"special.genetic", "Her [BRCA1] [genetic test] came back positive."},
            new String[] {"special.genetic", "Il [test genetico] ha rivelato una [mutazione genetica]."},
            new String[] {"special.ethnic_origin", "The form asks for your [ethnic origin]."},
            new String[] {"special.ethnic_origin", "Seine [ethnische Herkunft] spielt keine Rolle."});

    /** Text that looks like data but is not sensitive. */
    private List<Negative> negatives() {
        List<Supplier<String>> general = List.of(
                () -> "Order #" + values.orderNumber() + " shipped on 2025-0" + (1 + random.nextInt(9)) + "-1"
                        + random.nextInt(10) + "T10:2" + random.nextInt(10) + ":33Z.",
                () -> "Invoice INV-2025-" + values.orderNumber() + " is due in 30 days.",
                () -> "Request id " + values.uuid() + " failed with status 503.",
                () -> "Upgrade to version " + (1 + random.nextInt(5)) + "." + random.nextInt(20) + "."
                        + random.nextInt(9) + " (commit " + values.hex(40) + ").",
                () -> "sha256: " + values.hex(64),
                () -> "for (int i = 0; i < " + random.nextInt(1000) + "; i++) { sum += a[i] * 31; }",
                () -> "{\"id\": " + values.orderNumber() + ", \"qty\": " + random.nextInt(50) + ", \"price\": 19.99}",
                () -> "Reference number " + Values.corrupt(values.nlBsn()) + " was not found.",
                () -> "Account " + Values.corrupt(values.iban()) + " looks wrong, please check.",
                () -> "Card " + Values.corrupt(values.card()) + " was declined.",
                () -> "Ticket " + Values.corrupt(values.frNir()) + " reopened.",
                () -> "The meeting is on floor " + random.nextInt(9) + " of Building " + random.nextInt(40) + ".",
                () -> "We shipped " + random.nextInt(10000) + " units in Q" + (1 + random.nextInt(4)) + " 2024.",
                () -> "Set timeout=" + random.nextInt(60000) + " and retries=3 in config.yaml.",
                () -> "Dear Customer, thank you for your order.",
                () -> "The race condition happens when two threads run the operation.",
                () -> "Tracking number " + values.orderNumber() + values.orderNumber() + " in transit.",
                () -> "Call the API at http://localhost:8080/v1/items?page=" + random.nextInt(9));
        List<Negative> negatives = new ArrayList<>();
        general.forEach(text -> negatives.add(new Negative(null, text)));
        negatives.add(new Negative(NOT_NAMES, hardNegatives::notName));
        negatives.add(new Negative(NOT_NAMES_HELD_OUT, hardNegatives::notNameHeldOut));
        negatives.add(new Negative(NOT_POSTCODES, hardNegatives::notPostcode));
        negatives.add(new Negative(NOT_DATES_OF_BIRTH, hardNegatives::notDateOfBirth));
        return negatives;
    }

    private void negative(Builder b, Negative negative, String after) {
        b.fill(negative.text().get() + after + "{}", null, "", negative.subset());
    }

    /** {@code count} labelled documents: roughly 70% with one or two values, 30% hard negatives only. */
    public List<Document> documents(int count) {
        List<Generator> generators = this.generators.all();
        List<Negative> negatives = negatives();
        List<Document> documents = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            Builder b = new Builder();
            int kind = random.nextInt(10);
            if (kind < 6) {
                Generator g = pick(generators);
                Sample sample = g.sample().get();
                b.fill(sample.template() + " ", g.category(), sample.value(), g.subset());
                negative(b, pick(negatives), "");
            } else if (kind < 7) {
                String[] special = pick(SPECIAL);
                String s = special[1];
                int p = 0;
                while (p < s.length()) {
                    int open = s.indexOf('[', p);
                    if (open < 0) {
                        b.fill(s.substring(p) + "{}", null, "");
                        break;
                    }
                    int close = s.indexOf(']', open);
                    b.fill(s.substring(p, open) + "{}", special[0], s.substring(open + 1, close));
                    p = close + 1;
                }
            } else {
                negative(b, pick(negatives), " ");
                negative(b, pick(negatives), "");
            }
            documents.add(b.build());
        }
        return documents;
    }

    /** Categories whose detector validates a checksum (precision/recall targets apply). */
    public List<String> checksumCategories() {
        return generators.all().stream()
                .filter(Generator::checksum)
                .map(Generator::category)
                .distinct()
                .toList();
    }

    /** The subsets scored on their own, in the order of the report. */
    public static List<Subset> subsets() {
        return List.of(
                CORSICAN_NIR,
                DATES_IN_WORDS,
                NOT_DATES_OF_BIRTH,
                POSTCODE_CITY,
                NOT_POSTCODES,
                NOT_NAMES,
                NOT_NAMES_HELD_OUT);
    }
}
