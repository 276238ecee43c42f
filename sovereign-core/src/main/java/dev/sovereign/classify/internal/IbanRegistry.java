package dev.sovereign.classify.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The IBAN formats of the SWIFT IBAN Registry, read from {@code iban/registry.tsv} (its source and release are cited
 * in the file): for each country its length and, per position, whether a digit, an upper-case letter or either is
 * allowed. An IBAN is valid when it has its country's structure and its ISO 7064 MOD 97-10 check is 1.
 *
 * <p>Territories that the registry lists under a country (French overseas departments, the Crown dependencies under
 * GB, the Åland Islands under FI) are accepted with their own code and that country's structure.
 *
 * <p>The file is validated when loaded: a country code of two letters, a structure that begins with that code and
 * {@code 2!n}, and a structure whose fields add up to the stated length; a bad line fails loudly with its number.
 * Immutable and thread-safe.
 */
final class IbanRegistry {
    private static final String RESOURCE = "/dev/sovereign/classify/iban/registry.tsv";
    private static final byte DIGIT = 1;
    private static final byte LETTER = 2;
    private static final byte EITHER = 3;

    /** Per country ({@code (c0 - 'A') * 26 + (c1 - 'A')}), the class of each position, or null. */
    private static final byte[][] FORMATS = load();

    private IbanRegistry() {}

    /** The IBAN length of the country {@code a b} (upper case), or 0 when it has no IBAN. */
    static int length(char a, char b) {
        byte[] format = format(a, b);
        return format == null ? 0 : format.length;
    }

    private static byte[] format(char a, char b) {
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return null;
        }
        return FORMATS[(a - 'A') * 26 + (b - 'A')];
    }

    /** Whether {@code d[0, n)}, upper case and compact, has its country's length and structure. */
    static boolean shaped(char[] d, int n) {
        byte[] format = format(d[0], d[1]);
        if (format == null || format.length != n) {
            return false;
        }
        for (int i = 2; i < n; i++) {
            char c = d[i];
            byte cls = Chars.isDigit(c) ? DIGIT : Chars.isUpper(c) ? LETTER : 0;
            if ((cls & format[i]) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The remainder mod 97 (1 for a valid IBAN) of the IBAN rearranged (first four chars moved to the end, letters as 10 to 35). */
    static int mod97(char[] d, int n) {
        int r = 0;
        for (int k = 0; k < n; k++) {
            char c = d[(k + 4) % n];
            r = Chars.isDigit(c) ? (r * 10 + c - '0') % 97 : (r * 100 + c - 'A' + 10) % 97;
        }
        return r;
    }

    private static byte[][] load() {
        try (InputStream in = IbanRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The formats of a registry file, validated line by line; {@code name} appears in every error. */
    static byte[][] parse(BufferedReader reader, String name) throws IOException {
        byte[][] formats = new byte[26 * 26][];
        {
            int lineNumber = 0;
            int countries = 0;
            java.util.List<String[]> territories = new java.util.ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw bad(name, lineNumber, "expected country, length and structure");
                }
                String country = f[0];
                if (country.length() != 2 || !Chars.isUpper(country.charAt(0)) || !Chars.isUpper(country.charAt(1))) {
                    throw bad(name, lineNumber, "country code must be two capital letters");
                }
                int length;
                try {
                    length = Integer.parseInt(f[1]);
                } catch (NumberFormatException e) {
                    throw bad(name, lineNumber, "length is not a number");
                }
                byte[] format = structure(f[2], country, length, name, lineNumber);
                int index = (country.charAt(0) - 'A') * 26 + (country.charAt(1) - 'A');
                if (formats[index] != null) {
                    throw bad(name, lineNumber, "country listed twice");
                }
                formats[index] = format;
                countries++;
                if (f.length > 3) {
                    territories.add(new String[] {country, f[3]});
                }
            }
            // Territories the registry lists under a country ("GF, GP, MQ" under FR) write their own code before the
            // same structure; a code that has its own entry keeps it.
            java.util.regex.Matcher code =
                    java.util.regex.Pattern.compile("\\b[A-Z]{2}\\b").matcher("");
            for (String[] t : territories) {
                byte[] parent = formats[(t[0].charAt(0) - 'A') * 26 + (t[0].charAt(1) - 'A')];
                code.reset(t[1]);
                while (code.find()) {
                    int index =
                            (code.group().charAt(0) - 'A') * 26 + (code.group().charAt(1) - 'A');
                    if (formats[index] == null) {
                        formats[index] = parent;
                    }
                }
            }
            if (countries < 80) {
                throw new IllegalStateException(name + ": only " + countries + " countries");
            }
        }
        return formats;
    }

    /** Parses {@code CC2!n4!a...}: the country code, then fields of a length and a class, into one class per char. */
    private static byte[] structure(String s, String country, int length, String name, int lineNumber) {
        if (length < 15 || length > 34 || !s.startsWith(country + "2!n")) {
            throw bad(name, lineNumber, "structure must start with the country code and 2!n, length 15 to 34");
        }
        byte[] format = new byte[length];
        format[0] = LETTER;
        format[1] = LETTER;
        int at = 2;
        int p = 2;
        while (p < s.length()) {
            int q = p;
            while (q < s.length() && Chars.isDigit(s.charAt(q))) {
                q++;
            }
            if (q == p || q + 1 >= s.length() || s.charAt(q) != '!') {
                throw bad(name, lineNumber, "field at " + p + " is not of the form k!x");
            }
            int count = Integer.parseInt(s.substring(p, q));
            byte cls = switch (s.charAt(q + 1)) {
                case 'n' -> DIGIT;
                case 'a' -> LETTER;
                case 'c' -> EITHER;
                default -> throw bad(name, lineNumber, "unknown field class '" + s.charAt(q + 1) + "'");
            };
            if (at + count > length) {
                throw bad(name, lineNumber, "structure longer than the length " + length);
            }
            for (int k = 0; k < count; k++) {
                format[at++] = cls;
            }
            p = q + 2;
        }
        if (at != length) {
            throw bad(name, lineNumber, "structure gives " + at + " chars, length says " + length);
        }
        return format;
    }

    private static IllegalStateException bad(String name, int line, String why) {
        return new IllegalStateException(name + " line " + line + ": " + why);
    }
}
