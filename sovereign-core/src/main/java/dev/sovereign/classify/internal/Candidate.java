package dev.sovereign.classify.internal;

/**
 * A span that passed its detector's structural and check-digit rules and waits for context resolution. Allocated only
 * for spans that already look like a value, not per char or per word.
 */
final class Candidate {
    final String category;
    final String detector;
    final int start;
    final int end;
    final double base;
    final double withContext;
    final int context;
    /** Structural findings exclude each other when they overlap; dictionary findings do not. */
    final boolean exclusive;

    final Kind kind;
    /** Text to validate lazily (phone numbers), or null. */
    final String pending;

    double confidence;

    Candidate(Kind kind, int start, int end, double base, String pending) {
        this(kind, kind.category, kind.detector, start, end, base, kind.withContext, kind.context, true, pending);
    }

    /**
     * A structural candidate reported beside those it overlaps instead of competing with them: a number that is two
     * identifiers at once (a HETU that is also a CPR, a PT VAT number that is the NIF).
     */
    static Candidate beside(Kind kind, int start, int end, double base) {
        return new Candidate(
                kind, kind.category, kind.detector, start, end, base, kind.withContext, kind.context, false, null);
    }

    Candidate(
            Kind kind,
            String category,
            String detector,
            int start,
            int end,
            double base,
            double withContext,
            int context,
            boolean exclusive,
            String pending) {
        this.kind = kind;
        this.category = category;
        this.detector = detector;
        this.start = start;
        this.end = end;
        this.base = base;
        this.withContext = withContext;
        this.context = context;
        this.exclusive = exclusive;
        this.pending = pending;
    }
}
