package dev.sovereign.bench.classify;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts labelled identifiers from the test files of independently written, openly licensed projects into the data
 * files of {@link IdentifierEvaluation}. Each output line is {@code category, valid|invalid, value, source path}; the
 * first lines of each file record the repository and its commit.
 *
 * <p>The labels are the sources' own: a value is valid when the source's test asserts that its validator accepts it,
 * invalid when the test asserts a rejection. Only values of categories the classifier has a detector for are kept.
 *
 * <p>Usage: {@code IndependentIdentifiers <mirror root> <output dir>}, where the mirror root holds bare clones named
 * {@code owner+name/repo} (as {@code git clone --bare}).
 */
public final class IndependentIdentifiers {
    private IndependentIdentifiers() {}

    /** python-stdnum modules and test files, with the category of their numbers. */
    private static final Map<String, String> STDNUM = Map.ofEntries(
            Map.entry("stdnum/iban.py", "financial.iban"),
            Map.entry("tests/test_iban.doctest", "financial.iban"),
            Map.entry("stdnum/eu/vat.py", "financial.vat_id"),
            Map.entry("tests/test_eu_vat.doctest", "financial.vat_id"),
            Map.entry("stdnum/es/dni.py", "pii.national_id.es"),
            Map.entry("stdnum/es/nie.py", "pii.national_id.es"),
            Map.entry("stdnum/fi/hetu.py", "pii.national_id.fi"),
            Map.entry("tests/test_fi_hetu.doctest", "pii.national_id.fi"),
            Map.entry("stdnum/it/codicefiscale.py", "pii.national_id.it"),
            Map.entry("tests/test_it_codicefiscale.doctest", "pii.national_id.it"),
            Map.entry("stdnum/se/personnummer.py", "pii.national_id.se"),
            Map.entry("tests/test_se_personnummer.doctest", "pii.national_id.se"),
            Map.entry("stdnum/de/idnr.py", "pii.tax_id.de"),
            Map.entry("tests/test_de_idnr.doctest", "pii.tax_id.de"),
            Map.entry("stdnum/ie/pps.py", "pii.national_id.ie"),
            Map.entry("tests/test_ie_pps.doctest", "pii.national_id.ie"),
            Map.entry("stdnum/be/nn.py", "pii.national_id.be"),
            Map.entry("tests/test_be_nn.doctest", "pii.national_id.be"),
            Map.entry("stdnum/pl/pesel.py", "pii.national_id.pl"),
            Map.entry("stdnum/nl/bsn.py", "pii.national_id.nl"),
            Map.entry("stdnum/fr/nir.py", "pii.national_id.fr"),
            Map.entry("stdnum/dk/cpr.py", "pii.national_id.dk"),
            Map.entry("stdnum/us/ssn.py", "pii.national_id.us"),
            Map.entry("stdnum/gb/nhs.py", "pii.health_insurance.gb"),
            Map.entry("stdnum/pt/nif.py", "pii.tax_id.pt"));

    /** Presidio recognizer tests, with the category of the values they mark. */
    private static final Map<String, String> PRESIDIO = Map.ofEntries(
            Map.entry("presidio-analyzer/tests/test_credit_card_recognizer.py", "financial.card_number"),
            Map.entry("presidio-analyzer/tests/test_iban_recognizer.py", "financial.iban"),
            Map.entry("presidio-analyzer/tests/test_phone_recognizer.py", "pii.phone"),
            Map.entry("presidio-analyzer/tests/test_es_nie_recognizer.py", "pii.national_id.es"),
            Map.entry("presidio-analyzer/tests/test_es_nif_recognizer.py", "pii.national_id.es"),
            Map.entry("presidio-analyzer/tests/test_it_fiscal_code_recognizer.py", "pii.national_id.it"),
            Map.entry("presidio-analyzer/tests/test_se_personnummer_recognizer.py", "pii.national_id.se"),
            Map.entry("presidio-analyzer/tests/test_uk_nhs_recognizer.py", "pii.health_insurance.gb"),
            Map.entry("presidio-analyzer/tests/test_uk_nino_recognizer.py", "pii.national_id.gb"),
            Map.entry("presidio-analyzer/tests/test_us_ssn_recognizer.py", "pii.national_id.us"));

    /** The regions whose numbers a request may carry: EU, EEA, United Kingdom, Switzerland, United States, Canada. */
    static final Set<String> PHONE_REGIONS = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB", "CH", "US", "CA");

    record Row(String category, boolean valid, String value, String path) {}

    public static void main(String[] args) throws IOException {
        Path mirrors = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        write(out, "python-stdnum", mirrors, "arthurdejong/python-stdnum", stdnum(mirrors));
        write(out, "php-iban", mirrors, "globalcitizen/php-iban", phpIban(mirrors));
        write(out, "commons-validator", mirrors, "apache/commons-validator", commonsValidator(mirrors));
        write(out, "presidio", mirrors, "microsoft/presidio", presidio(mirrors));
        write(out, "libphonenumber", mirrors, "google/libphonenumber", libphonenumber(mirrors));
    }

    private static List<Row> stdnum(Path mirrors) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : STDNUM.entrySet()) {
            String text = show(mirrors, "arthurdejong/python-stdnum", e.getKey());
            rows.addAll(doctest(text, e.getValue(), e.getKey()));
        }
        rows.removeIf(
                r -> r.category.equals("pii.national_id.it") && compact(r.value).length() != 16);
        // The eu_vat test lists "otherwise valid numbers with duplicated prefixes" (AT ATU 65033803) as invalid
        // strings; the text still holds a valid number, which a scanner rightly reports: not an invalid value here.
        rows.removeIf(r -> !r.valid && DUPLICATED_PREFIX.matcher(r.value).matches());
        return rows;
    }

    private static final Pattern DUPLICATED_PREFIX = Pattern.compile("([A-Z]{2,3}) \\1.*");
    private static final Pattern CALL = Pattern.compile(">>> (?:\\w+\\.)?(validate|is_valid)\\('([^']*)'\\)\\s*$");
    private static final Pattern VALID_LIST = Pattern.compile("if x and not \\w+\\.is_valid\\(x\\)\\s*]");
    private static final Pattern INVALID_LIST =
            Pattern.compile("if x and (\\w+\\.is_valid\\(x\\)|not caught\\(x, Invalid\\w+\\))\\s*]");

    /** Values of a doctest: single validate/is_valid calls and blocks of numbers checked in one list expression. */
    static List<Row> doctest(String text, String category, String path) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            Matcher call = CALL.matcher(line);
            if (call.find() && k + 1 < lines.length) {
                String next = lines[k + 1].strip();
                boolean valid = next.startsWith("'") || next.equals("True");
                boolean invalid = next.equals("False") || next.startsWith("Traceback");
                if (valid || invalid) {
                    rows.add(new Row(category, valid, call.group(2), path));
                }
                continue;
            }
            if (line.startsWith(">>> numbers = '''")) {
                List<String> block = new ArrayList<>();
                int j = k + 1;
                for (; j < lines.length && !lines[j].strip().equals("... '''"); j++) {
                    String value = lines[j].strip();
                    if (value.startsWith("...")) {
                        value = value.substring(3).strip();
                        if (!value.isEmpty()) {
                            block.add(value);
                        }
                    }
                }
                int c = j + 1;
                while (c < lines.length && !lines[c].strip().startsWith(">>>")) {
                    c++;
                }
                if (c < lines.length) {
                    String check = lines[c];
                    Boolean valid = VALID_LIST.matcher(check).find()
                            ? Boolean.TRUE
                            : INVALID_LIST.matcher(check).find() ? Boolean.FALSE : null;
                    if (valid != null) {
                        for (String v : block) {
                            rows.add(new Row(category, valid, v, path));
                        }
                    }
                }
                k = j;
            }
        }
        return rows;
    }

    private static List<Row> phpIban(Path mirrors) {
        String repo = "globalcitizen/php-iban";
        List<Row> rows = new ArrayList<>();
        String registry = show(mirrors, repo, "registry.txt");
        // Only countries of the SWIFT registry (swift_official = 1): the file also lists national formats that no
        // bank outside that country accepts as IBANs.
        Set<String> official = new java.util.HashSet<>();
        for (String line : registry.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length > 17 && !f[0].equals("country_code") && f[17].equals("1")) {
                official.add(f[0].toLowerCase(java.util.Locale.ROOT));
                if (!f[7].isBlank()) {
                    rows.add(new Row("financial.iban", true, f[7].strip(), "registry.txt"));
                }
            }
        }
        for (String path : list(mirrors, repo, "utils/example-ibans/")) {
            if (!official.contains(path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 3))) {
                continue;
            }
            for (String line : show(mirrors, repo, path).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(new Row("financial.iban", true, line.strip(), path));
                }
            }
        }
        return rows;
    }

    private static final Pattern CARD_CONSTANT = Pattern.compile(
            "(VALID|ERROR)_\\w+ = \"(\\d{12,19})\"|assertTrue\\(validator\\.isValid\\(\"(\\d{12,19})\"\\)");

    private static List<Row> commonsValidator(Path mirrors) {
        String path = "src/test/java/org/apache/commons/validator/routines/CreditCardValidatorTest.java";
        String text = show(mirrors, "apache/commons-validator", path);
        List<Row> rows = new ArrayList<>();
        Matcher m = CARD_CONSTANT.matcher(text);
        while (m.find()) {
            if (m.group(2) != null) {
                rows.add(new Row("financial.card_number", m.group(1).equals("VALID"), m.group(2), path));
            } else {
                rows.add(new Row("financial.card_number", true, m.group(3), path));
            }
        }
        return rows;
    }

    private static final Pattern CASE =
            Pattern.compile("^\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,\\s*(\\d+)\\s*,(.*)$");
    private static final Pattern SPAN = Pattern.compile("\\((\\d+),\\s*(\\d+)\\)");

    /**
     * Cases of presidio's parametrised tests: {@code (text, expected count, ..., ((start, end), ...))}. The spans a
     * test expects are valid values; a text the test expects nothing in, written as one token, is an invalid value.
     */
    private static List<Row> presidio(Path mirrors) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : PRESIDIO.entrySet()) {
            String text = show(mirrors, "microsoft/presidio", e.getKey());
            for (String line : text.split("\n")) {
                Matcher m = CASE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                String sample = m.group(1).replace("\\\"", "\"");
                int count = Integer.parseInt(m.group(2));
                if (count == 0) {
                    if (!sample.isBlank() && !sample.strip().contains(" ")) {
                        rows.add(new Row(e.getValue(), false, sample.strip(), e.getKey()));
                    }
                    continue;
                }
                Matcher span = SPAN.matcher(m.group(3));
                int found = 0;
                while (found < count && span.find()) {
                    int s = Integer.parseInt(span.group(1));
                    int t = Integer.parseInt(span.group(2));
                    if (t <= sample.length() && s < t) {
                        rows.add(new Row(
                                e.getValue(), true, sample.substring(s, t).strip(), e.getKey()));
                    }
                    found++;
                }
            }
        }
        return rows;
    }

    private static final Pattern TERRITORY = Pattern.compile("<territory id=\"([A-Z0-9]+)\"");

    /**
     * The example numbers of libphonenumber's metadata for the regions a request may carry: fixed-line and mobile
     * numbers, each written in the region's national format and in international format.
     */
    private static List<Row> libphonenumber(Path mirrors) {
        String path = "resources/PhoneNumberMetadata.xml";
        String xml = show(mirrors, "google/libphonenumber", path);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<Row> rows = new ArrayList<>();
        Matcher t = TERRITORY.matcher(xml);
        List<int[]> starts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (t.find()) {
            starts.add(new int[] {t.start()});
            ids.add(t.group(1));
        }
        for (int k = 0; k < ids.size(); k++) {
            String region = ids.get(k);
            if (!PHONE_REGIONS.contains(region)) {
                continue;
            }
            int from = starts.get(k)[0];
            int to = k + 1 < starts.size() ? starts.get(k + 1)[0] : xml.length();
            String body = xml.substring(from, to);
            for (String type : List.of("fixedLine", "mobile")) {
                Matcher ex = Pattern.compile("<" + type + ">.*?<exampleNumber>(\\d+)</exampleNumber>", Pattern.DOTALL)
                        .matcher(body);
                if (!ex.find()) {
                    continue;
                }
                try {
                    PhoneNumber number = util.parse(ex.group(1), region);
                    rows.add(new Row("pii.phone", true, util.format(number, PhoneNumberFormat.NATIONAL), path));
                    rows.add(new Row("pii.phone", true, util.format(number, PhoneNumberFormat.INTERNATIONAL), path));
                } catch (NumberParseException e) {
                    throw new IllegalStateException("example number of " + region + " does not parse", e);
                }
            }
        }
        return rows;
    }

    private static String compact(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "");
    }

    private static void write(Path out, String name, Path mirrors, String repo, List<Row> rows) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.value.contains("\t") || r.value.isBlank()) {
                continue;
            }
            lines.add(r.category + "\t" + (r.valid ? "valid" : "invalid") + "\t" + r.value + "\t" + r.path);
        }
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        StringBuilder b = new StringBuilder();
        b.append("# source: https://github.com/").append(repo).append('\n');
        b.append("# commit: ")
                .append(git(mirrors, repo, "rev-parse", "HEAD").strip())
                .append('\n');
        b.append("# columns: category, label, value, path in the source\n");
        for (String line : sorted) {
            b.append(line).append('\n');
        }
        Files.writeString(out.resolve(name + ".tsv"), b.toString(), StandardCharsets.UTF_8);
        System.out.println(name + ": " + sorted.size() + " values");
    }

    private static String show(Path mirrors, String repo, String path) {
        return git(mirrors, repo, "show", "HEAD:" + path);
    }

    private static List<String> list(Path mirrors, String repo, String dir) {
        String names = git(mirrors, repo, "ls-tree", "-r", "--name-only", "HEAD", dir);
        return List.of(names.strip().split("\n"));
    }

    private static String git(Path mirrors, String repo, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("--git-dir=" + mirrors.resolve(repo.replace('/', '+')).resolve("repo"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git failed: " + command);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
