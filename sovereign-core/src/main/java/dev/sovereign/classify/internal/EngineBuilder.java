package dev.sovereign.classify.internal;

import dev.sovereign.classify.ClassifierConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Assembles an {@link Engine}: the built-in catalogue (dictionaries shipped as resources under
 * {@code dev/sovereign/classify/}), then custom detectors, then the enabled set. Not thread-safe; the engine it builds
 * is.
 */
public final class EngineBuilder {
    private static final String ROOT = "/dev/sovereign/classify/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

    /** Special-category dictionaries shipped with the engine (GDPR Art. 9), by category suffix. */
    public static final List<String> SPECIAL = List.of(
            "health",
            "biometric",
            "genetic",
            "ethnic_origin",
            "political",
            "religion",
            "trade_union",
            "sexual_orientation");

    private final KeywordIndex.Builder index = KeywordIndex.builder();
    private final List<Payload> payloads = new ArrayList<>();
    private final Map<Payload, Integer> payloadIds = new HashMap<>();
    private final List<CustomPattern> patterns = new ArrayList<>();
    private final List<ExactMatchSet> exactMatches = new ArrayList<>();
    private final Set<String> disabled = new LinkedHashSet<>();
    private final Set<String> onlyEnabled = new LinkedHashSet<>();
    private double minConfidence = 0.5;
    private boolean defaults;
    private Cities cities = Cities.NONE;
    private NameModel names;
    private boolean nameModel = true;
    private final List<String> phoneRegions = new ArrayList<>(Contacts.DEFAULT_REGIONS);

    /** Adds the whole built-in catalogue. */
    public EngineBuilder defaults() {
        if (defaults) {
            return this;
        }
        defaults = true;
        loadContext("context.txt");
        for (String special : SPECIAL) {
            loadTerms("special/" + special + ".txt", Payload.term("special." + special, 0.7, "dictionary:special"));
        }
        loadTerms("names/given.txt", Payload.of(Payload.Type.GIVEN_NAME));
        loadTerms("names/surnames.txt", Payload.of(Payload.Type.SURNAME));
        loadTerms("names/cues.txt", Payload.of(Payload.Type.NAME_CUE));
        loadTerms("address/streets.txt", Payload.of(Payload.Type.STREET));
        cities = Cities.read("classpath:" + ROOT + "address/cities.txt", resource("address/cities.txt"));
        loadTerms("secrets/password_keys.txt", Payload.of(Payload.Type.PASSWORD_KEY));
        names = NameModel.builtIn();
        return this;
    }

    private int payloadId(Payload payload) {
        return payloadIds.computeIfAbsent(payload, p -> {
            payloads.add(p);
            return payloads.size() - 1;
        });
    }

    private static Reader resource(String name) {
        InputStream in = EngineBuilder.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new ClassifierConfigurationException("classpath:" + ROOT + name, 0, "built-in dictionary missing");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private void loadTerms(String name, Payload payload) {
        readTerms("classpath:" + ROOT + name, resource(name), payload);
    }

    private void readTerms(String source, Reader reader, Payload payload) {
        int id = payloadId(payload);
        try (BufferedReader in = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String term = stripComment(line);
                if (term.isEmpty()) {
                    continue;
                }
                String problem = index.add(term, id);
                if (problem != null) {
                    throw new ClassifierConfigurationException(source, number, problem);
                }
            }
        } catch (IOException e) {
            throw new ClassifierConfigurationException(source, 0, "cannot read dictionary: " + e, e);
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /** Lines {@code group[,group]: term | term | ...}. */
    private void loadContext(String name) {
        String source = "classpath:" + ROOT + name;
        try (BufferedReader in = new BufferedReader(resource(name))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String content = stripComment(line);
                if (content.isEmpty()) {
                    continue;
                }
                int colon = content.indexOf(':');
                if (colon < 0) {
                    throw new ClassifierConfigurationException(source, number, "expected 'group: term | term'");
                }
                int bits = 0;
                for (String group : content.substring(0, colon).split(",")) {
                    Context context = Context.named(group);
                    if (context == null) {
                        throw new ClassifierConfigurationException(source, number, "unknown context group " + group);
                    }
                    bits |= context.bit();
                }
                int id = payloadId(Payload.context(bits));
                for (String term : content.substring(colon + 1).split("\\|")) {
                    if (!term.isBlank()) {
                        String problem = index.add(term, id);
                        if (problem != null) {
                            throw new ClassifierConfigurationException(source, number, problem);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ClassifierConfigurationException(source, 0, "cannot read dictionary: " + e, e);
        }
    }

    private static String checkName(String name, String source) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ClassifierConfigurationException(
                    source, 0, "custom detector name must be lower-case letters, digits, '_' and '.': " + name);
        }
        return name;
    }

    /** Adds a keyword dictionary reported as {@code custom.<name>}. */
    public EngineBuilder keywords(String name, Iterable<String> terms, double confidence) {
        checkName(name, "keywords " + name);
        int id = payloadId(Payload.term("custom." + name, confidence, "keywords:" + name));
        int number = 0;
        for (String term : terms) {
            number++;
            String problem = index.add(term, id);
            if (problem != null) {
                throw new ClassifierConfigurationException("keywords " + name, number, problem);
            }
        }
        return this;
    }

    /** Adds a keyword dictionary file (one term per line, {@code #} comments). */
    public EngineBuilder keywords(String name, Path file, double confidence) {
        checkName(name, file.toString());
        Payload payload = Payload.term("custom." + name, confidence, "keywords:" + name);
        try {
            readTerms(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8), payload);
        } catch (IOException e) {
            throw new ClassifierConfigurationException(file.toString(), 0, "cannot read dictionary: " + e, e);
        }
        return this;
    }

    /** Adds an RE2/J pattern reported as {@code custom.<name>}; {@code source}/{@code line} locate it for errors. */
    public EngineBuilder pattern(String name, String regex, double confidence, String source, int line) {
        checkName(name, source);
        patterns.add(new CustomPattern(name, regex, confidence, source, line));
        return this;
    }

    /** Adds a pattern file: lines {@code name: regex}. */
    public EngineBuilder patterns(Path file, double confidence) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClassifierConfigurationException(file.toString(), 0, "cannot read pattern file: " + e, e);
        }
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ClassifierConfigurationException(file.toString(), k + 1, "expected 'name: regex'");
            }
            String name = line.substring(0, colon).strip();
            if (!NAME.matcher(name).matches()) {
                throw new ClassifierConfigurationException(file.toString(), k + 1, "bad detector name '" + name + "'");
            }
            pattern(name, line.substring(colon + 1).strip(), confidence, file.toString(), k + 1);
        }
        return this;
    }

    /** Adds an exact-data-match fingerprint file reported as {@code custom.<name>}. */
    public EngineBuilder exactMatch(String name, Path file) {
        checkName(name, file.toString());
        exactMatches.add(ExactMatchSet.load(name, file));
        return this;
    }

    /** Turns off every detector whose category is {@code prefix} or starts with {@code prefix.}. */
    public EngineBuilder disable(String prefix) {
        disabled.add(prefix);
        return this;
    }

    /** Keeps only the detectors whose category matches one of the given prefixes (custom ones always run). */
    public EngineBuilder only(String prefix) {
        onlyEnabled.add(prefix);
        return this;
    }

    /** Whether the built-in person-name model reads names too (default); off, only cues and dictionaries do. */
    public EngineBuilder nameModel(boolean on) {
        this.nameModel = on;
        return this;
    }

    public EngineBuilder minConfidence(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ClassifierConfigurationException("minConfidence", 0, "must be between 0 and 1, was " + value);
        }
        this.minConfidence = value;
        return this;
    }

    /**
     * Adds regions (ISO 3166 alpha-2, as libphonenumber knows them) whose national-format phone numbers are looked
     * for, besides the EU, the EEA, the United Kingdom, Switzerland, the United States and Canada.
     */
    public EngineBuilder phoneRegions(Iterable<String> regions) {
        java.util.Set<String> known =
                com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();
        for (String region : regions) {
            String code = region == null ? "" : region.strip().toUpperCase(java.util.Locale.ROOT);
            if (!known.contains(code)) {
                throw new ClassifierConfigurationException(
                        "phoneRegions", 0, "unknown region '" + region + "', expected an ISO 3166 alpha-2 code");
            }
            if (!phoneRegions.contains(code)) {
                phoneRegions.add(code);
            }
        }
        return this;
    }

    private static boolean matches(String category, String prefix) {
        return category.equals(prefix) || category.startsWith(prefix.endsWith(".") ? prefix : prefix + ".");
    }

    private boolean isEnabled(String category) {
        if (category.startsWith("custom.")) {
            return disabled.stream().noneMatch(p -> matches(category, p));
        }
        if (!onlyEnabled.isEmpty() && onlyEnabled.stream().noneMatch(p -> matches(category, p))) {
            return false;
        }
        return disabled.stream().noneMatch(p -> matches(category, p));
    }

    public Engine build() {
        boolean[] enabled = new boolean[Kind.values().length];
        for (Kind kind : Kind.values()) {
            enabled[kind.ordinal()] = isEnabled(kind.category);
        }
        Payload[] table = new Payload[payloads.size()];
        for (int k = 0; k < table.length; k++) {
            Payload p = payloads.get(k);
            boolean on = p.category() == null || isEnabled(p.category());
            // A disabled term still costs a lookup but reports nothing: its payload becomes an empty context.
            table[k] = on ? p : Payload.context(0);
        }
        return new Engine(
                index.build(),
                table,
                enabled,
                patterns,
                exactMatches,
                minConfidence,
                cities,
                nameModel ? names : null,
                phoneRegions);
    }
}
