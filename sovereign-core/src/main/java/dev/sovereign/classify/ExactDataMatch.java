package dev.sovereign.classify;

import dev.sovereign.classify.internal.ExactMatchSet;

/**
 * Produces the fingerprints of an exact-data-match file ({@link Classifier.Builder#exactDataMatch}): values are
 * normalised (words only, lower case, accents removed, single spaces) then hashed with SHA-256 after a salt, so the file
 * can be distributed to gateways without the values it protects.
 */
public final class ExactDataMatch {
    private ExactDataMatch() {}

    /** The normalised form that is hashed. */
    public static String normalise(CharSequence value) {
        return ExactMatchSet.normalise(value);
    }

    /** The fingerprint line of {@code value}. */
    public static String fingerprint(byte[] salt, CharSequence value) {
        return ExactMatchSet.fingerprint(salt, value);
    }
}
