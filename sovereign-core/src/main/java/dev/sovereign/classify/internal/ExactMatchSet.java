package dev.sovereign.classify.internal;

import dev.sovereign.classify.ClassifierConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Exact data match: a set of salted SHA-256 fingerprints of known sensitive values (a customer list, account numbers),
 * matched against every sequence of 1 to {@code maxTokens} words of the text, normalised the same way. The plaintext is
 * never loaded; only fingerprints are held.
 *
 * <p>File format (UTF-8): {@code salt: <hex>} and optionally {@code tokens: <max words per value>} header lines, then
 * one lower-case hex SHA-256 per line; {@code #} starts a comment. A fingerprint is
 * {@code SHA-256(salt || UTF-8(normalise(value)))}.
 */
public final class ExactMatchSet {
    private final String category;
    private final String detector;
    private final byte[] salt;
    private final int maxTokens;
    private final Set<String> fingerprints;

    private ExactMatchSet(String name, byte[] salt, int maxTokens, Set<String> fingerprints) {
        this.category = "custom." + name;
        this.detector = "edm:" + name;
        this.salt = salt;
        this.maxTokens = maxTokens;
        this.fingerprints = fingerprints;
    }

    /** Words of {@code value}, folded (lower case, no accents), joined by single spaces. */
    public static String normalise(CharSequence value) {
        StringBuilder b = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            while (i < value.length() && !Chars.isWord(value.charAt(i))) {
                i++;
            }
            if (i < value.length() && b.length() > 0) {
                b.append(' ');
            }
            while (i < value.length() && Chars.isWord(value.charAt(i))) {
                b.append(Chars.fold(value.charAt(i++)));
            }
        }
        return b.toString();
    }

    /** The fingerprint of one value, as written in the file. */
    public static String fingerprint(byte[] salt, CharSequence value) {
        return HexFormat.of().formatHex(sha256(salt, normalise(value)));
    }

    private static byte[] sha256(byte[] salt, String normalised) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Loads a fingerprint file; errors name the file and line. */
    public static ExactMatchSet load(String name, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClassifierConfigurationException(
                    file.toString(), 0, "cannot read exact-data-match file: " + e, e);
        }
        byte[] salt = null;
        int maxTokens = 2;
        Set<String> fingerprints = new HashSet<>();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            int lineNumber = k + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (line.startsWith("salt:")) {
                    salt = HexFormat.of().parseHex(line.substring(5).strip());
                } else if (line.startsWith("tokens:")) {
                    maxTokens = Integer.parseInt(line.substring(7).strip());
                    if (maxTokens < 1 || maxTokens > 8) {
                        throw new IllegalArgumentException("tokens must be 1 to 8");
                    }
                } else if (line.length() == 64) {
                    HexFormat.of().parseHex(line);
                    fingerprints.add(line.toLowerCase(java.util.Locale.ROOT));
                } else {
                    throw new IllegalArgumentException("expected a 64-char hex SHA-256 fingerprint");
                }
            } catch (IllegalArgumentException e) {
                throw new ClassifierConfigurationException(file.toString(), lineNumber, e.getMessage(), e);
            }
        }
        if (salt == null || salt.length < 8) {
            throw new ClassifierConfigurationException(
                    file.toString(), 0, "missing 'salt: <hex>' header of at least 8 bytes");
        }
        return new ExactMatchSet(name, salt, maxTokens, Set.copyOf(fingerprints));
    }

    void scan(Scan scan) {
        CharSequence t = scan.text;
        int n = t.length();
        StringBuilder value = new StringBuilder(64);
        int i = 0;
        while (i < n) {
            while (i < n && !Chars.isWord(t.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int wordStart = i;
            value.setLength(0);
            int p = i;
            for (int w = 0; w < maxTokens && p < n; w++) {
                if (w > 0) {
                    int q = p;
                    while (q < n && q - p < 3 && !Chars.isWord(t.charAt(q))) {
                        q++;
                    }
                    if (q == p || q >= n || !Chars.isWord(t.charAt(q))) {
                        break;
                    }
                    value.append(' ');
                    p = q;
                }
                while (p < n && Chars.isWord(t.charAt(p))) {
                    value.append(Chars.fold(t.charAt(p++)));
                }
                if (fingerprints.contains(HexFormat.of().formatHex(sha256(salt, value.toString())))) {
                    scan.candidates.add(
                            new Candidate(null, category, detector, wordStart, p, 0.99, 0.99, 0, false, null));
                }
            }
            while (i < n && Chars.isWord(t.charAt(i))) {
                i++;
            }
        }
    }
}
