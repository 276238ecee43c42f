package dev.sovereign.classify.internal;

/**
 * What a dictionary entry means when it matches: a context word, a term that is itself a finding, or a cue for the
 * name, address and password detectors.
 */
record Payload(Type type, int context, String category, double confidence, String detector) {
    enum Type {
        /** Raises (or, for {@link Context#NEGATIVE}, lowers) the confidence of nearby candidates. */
        CONTEXT,
        /** The matched words are themselves a finding of {@code category}. */
        TERM,
        /** A key such as "password" or "mot de passe" whose assigned value is a secret. */
        PASSWORD_KEY,
        /** A given name. */
        GIVEN_NAME,
        /** A family name. */
        SURNAME,
        /** A word that announces a name: a title, "my name is", a closing formula. */
        NAME_CUE,
        /** A street type word ("rue", "calle", "via", "Street"). */
        STREET
    }

    static Payload context(int bits) {
        return new Payload(Type.CONTEXT, bits, null, 0, null);
    }

    static Payload term(String category, double confidence, String detector) {
        return new Payload(Type.TERM, 0, category, confidence, detector);
    }

    static Payload of(Type type) {
        return new Payload(type, 0, null, 0, null);
    }
}
