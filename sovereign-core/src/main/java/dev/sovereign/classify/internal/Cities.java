package dev.sovereign.classify.internal;

import dev.sovereign.classify.ClassifierConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cities by name, each with its country and the leading digits of its postcodes ({@code address/cities.txt}). Names are
 * keyed by their folded words joined by one space ("saint etienne", "s hertogenbosch"), the form in which
 * {@link PostcodeCities} reads them from the text. Immutable; safe to share between threads.
 */
final class Cities {
    static final Cities NONE = new Cities(Map.of(), 0);

    /** One city: its country and the postcode prefixes (digits, or Eircode routing keys) that belong to it. */
    record City(PostalCountry country, List<String> prefixes) {
        /** Whether {@code postcode[0, length)} (digits, or an Eircode routing key) starts with one of the prefixes. */
        boolean owns(char[] postcode, int length) {
            for (String prefix : prefixes) {
                if (prefix.length() <= length && startsWith(postcode, prefix)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean startsWith(char[] postcode, String prefix) {
            for (int k = 0; k < prefix.length(); k++) {
                if (postcode[k] != prefix.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<String, List<City>> byName;

    /** The most words in a name ("las palmas de gran canaria"). */
    final int maxWords;

    private Cities(Map<String, List<City>> byName, int maxWords) {
        this.byName = byName;
        this.maxWords = maxWords;
    }

    /** The cities with this key (folded words joined by one space), or an empty list. */
    List<City> named(String key) {
        return byName.getOrDefault(key, List.of());
    }

    /** Lines {@code country | prefix prefix ... | name | other name ...}; {@code #} starts a comment. */
    static Cities read(String source, Reader reader) {
        Map<String, List<City>> byName = new HashMap<>();
        int maxWords = 0;
        try (BufferedReader in = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (content.isEmpty()) {
                    continue;
                }
                String[] fields = content.split("\\|");
                if (fields.length < 3) {
                    throw new ClassifierConfigurationException(
                            source, number, "expected 'country | postcode prefixes | name | other names'");
                }
                PostalCountry country = PostalCountry.named(fields[0].strip().toUpperCase(Locale.ROOT));
                if (country == null) {
                    throw new ClassifierConfigurationException(
                            source,
                            number,
                            "unknown country " + fields[0].strip() + ", expected one of "
                                    + List.of(PostalCountry.values()));
                }
                List<String> prefixes = List.of(fields[1].strip().split("\\s+"));
                for (String prefix : prefixes) {
                    if (!country.validPrefix(prefix)) {
                        throw new ClassifierConfigurationException(
                                source, number, "postcode prefix " + prefix + " does not fit " + country);
                    }
                }
                City city = new City(country, prefixes);
                for (int f = 2; f < fields.length; f++) {
                    List<String> words = words(fields[f]);
                    if (words.isEmpty()) {
                        throw new ClassifierConfigurationException(source, number, "empty city name");
                    }
                    maxWords = Math.max(maxWords, words.size());
                    byName.computeIfAbsent(String.join(" ", words), k -> new ArrayList<>())
                            .add(city);
                }
            }
        } catch (IOException e) {
            throw new ClassifierConfigurationException(source, 0, "cannot read city list: " + e, e);
        }
        Map<String, List<City>> frozen = new HashMap<>();
        byName.forEach((name, cities) -> frozen.put(name, List.copyOf(cities)));
        return new Cities(Map.copyOf(frozen), maxWords);
    }

    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < name.length()) {
            while (i < name.length() && !Chars.isWord(name.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < name.length() && Chars.isWord(name.charAt(i))) {
                i++;
            }
            if (i > s) {
                words.add(Chars.fold(name.substring(s, i)));
            }
        }
        return words;
    }
}
