package dev.sovereign.classify.internal;

import dev.sovereign.classify.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One scan of one text: a single left-to-right pass that walks words and a few trigger chars, then a resolution step.
 *
 * <p>Design note: the pass is the prefilter. Each word is tested against the keyword index's bloom filter and looked up
 * (context words, dictionary terms, cues) only when admitted; its first char and shape (digits, upper case) decide
 * which identifier parsers run, and those parsers reject most words within one or two chars. Only spans that pass a
 * structural and check-digit rule become {@link Candidate}s. Resolution then applies context (before and after the
 * span), validates lazily what is expensive (phone numbers, only when their confidence could pass the threshold), and
 * removes overlaps between structural findings. Not thread-safe: one instance per scan.
 */
final class Scan implements KeywordIndex.Sink {
    private static final int CONTEXT_BEFORE = 60;
    private static final int CONTEXT_AFTER = 30;
    private static final int NEGATIVE_BEFORE = 25;

    final Engine engine;
    CharSequence text;
    int n;
    /** Scratch buffer for the compact form of a candidate (separators removed); made when first needed. */
    private char[] buf;

    /** Scratch for the group lengths of a number run; made when first needed. */
    private int[] groups;

    /**
     * Keyword hits for context: start, end, context bits; in text order. Empty until the first hit: most short texts
     * (a key, an id) have none, and a request has hundreds of them.
     */
    private int[] hits = NO_HITS;

    private static final int[] NO_HITS = new int[0];

    private int hitCount;
    /** Recent name cues and names, for the name detector. */
    int lastNameCueEnd = -1;

    int lastGivenNameStart = -1;
    int lastGivenNameEnd = -1;
    /** Identifier parsers skip words before this offset (inside an identifier already found). */
    int identifiersFrom;

    final List<Candidate> candidates = new ArrayList<>();

    /** The text's chars, copied once: the word loop reads an array instead of calling {@code charAt}. */
    char[] chars;

    /**
     * Whether the text has a char outside ASCII that a normalised view may change ({@link DetectionView#mayFold}: an
     * invisible, compatibility or look-alike char, a digit of another script), and whether it has a {@code %} or {@code
     * &} that may start an escape: only such a text can have a view that differs from it. Found on the way, since
     * every char is visited anyway.
     */
    boolean foldable;

    boolean escapes;

    /** The scratch buffer for a candidate's compact form (48 chars). */
    char[] buf() {
        char[] b = buf;
        return b != null ? b : (buf = new char[48]);
    }

    /** The scratch for a number run's group lengths (12 groups). */
    int[] groups() {
        int[] g = groups;
        return g != null ? g : (groups = new int[12]);
    }

    Scan(Engine engine, CharSequence text) {
        this.engine = engine;
        reset(text);
    }

    /**
     * Makes this scan a fresh scan of {@code text}: everything that {@link #run} and {@link #finish} learnt of the
     * previous text is forgotten, only the scratch arrays are kept (they are written before they are read). A scan
     * after a reset sees nothing of the texts scanned before it, so its findings are those of a new scan.
     */
    void reset(CharSequence text) {
        this.text = text;
        this.n = text.length();
        this.chars = text.toString().toCharArray();
        hitCount = 0;
        lastNameCueEnd = -1;
        lastGivenNameStart = -1;
        lastGivenNameEnd = -1;
        identifiersFrom = 0;
        candidates.clear();
        foldable = false;
        escapes = false;
    }

    void run() {
        int i = 0;
        while (i < n) {
            char c = chars[i];
            if (c < 128) {
                if (CLASS[c] != 0) {
                    i = word(i);
                    continue;
                }
                switch (c) {
                    case '%', '&' -> escapes = true;
                    case '@' -> Contacts.email(this, i);
                    case '+', '(' -> Contacts.phoneWithPrefix(this, i);
                    case '-' -> Secrets.pem(this, i);
                    case ':' -> Secrets.connectionString(this, i);
                    default -> {}
                }
            } else {
                foldable |= DetectionView.mayFold(c);
                if (Character.isLetterOrDigit(c)) {
                    i = word(i);
                    continue;
                }
            }
            i++;
        }
    }

    private static final int WORD = 1;
    private static final int DIGIT = 2;
    private static final int UPPER = 4;
    private static final int LOWER = 8;
    /** Char classes of ASCII: one table lookup per char classifies and delimits a word. */
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            CLASS[c] = (byte)
                    (Chars.isDigit(c)
                            ? WORD | DIGIT
                            : Chars.isUpper(c) ? WORD | UPPER : Chars.isWord(c) ? WORD | LOWER : 0);
        }
    }

    /**
     * One word: delimit it with the class table, look it up in the dictionaries only when the index's bloom filter
     * admits it (almost no prose word does), then run the identifier parsers its first char and classes call for.
     */
    /** The class of a char outside ASCII, noting whether a normalised view may change it. */
    private int nonAscii(char c) {
        foldable |= DetectionView.mayFold(c);
        return Character.isLetterOrDigit(c) ? WORD : 0;
    }

    private int word(int i) {
        int classes = 0;
        int j = i;
        while (j < n) {
            char c = chars[j];
            int cls = c < 128 ? CLASS[c] : nonAscii(c);
            if (cls == 0) {
                break;
            }
            classes |= cls;
            j++;
        }
        KeywordIndex index = engine.index;
        if (index.mightFile(chars, i, j)) {
            index.lookup(chars, i, j, this);
        }
        if (classes == (WORD | LOWER)) {
            // Plain lower-case ASCII word, most of prose: it can only start a token glued by '_' or '-'
            // (sk_live_, xoxb-, glpat-) or an IPv6 group before ':'.
            if (j < n && i >= identifiersFrom) {
                char next = chars[j];
                if (j - i == 1 && next == '-' && chars[i] >= 'x' && AlnumIds.spanishId(this, i)) {
                    return j; // "x-2482300w": a NIE with its letter set apart
                }
                if (j - i == 2 && next == ' ' && j + 1 < n && Chars.isDigit(chars[j + 1])) {
                    if (!AlnumIds.lowerCaseIban(this, i)) { // "fr 76 3000 6000 ..."
                        AlnumIds.lowerCaseNino(this, i); // "hh 01 02 03 d"
                    }
                    return j;
                }
                if (next == '_' || next == '-') {
                    Secrets.atWord(this, i, j);
                } else if (next == ':' && j - i <= 4) {
                    Contacts.ipv6(this, i);
                }
            }
            return j;
        }
        return identifiers(i, j, classes);
    }

    private static boolean isLowerAscii(char c) {
        return c >= 'a' && c <= 'z';
    }

    private int identifiers(int i, int j, int classes) {
        int length = j - i;
        if (i >= identifiersFrom) {
            char c0 = chars[i];
            if ((classes & DIGIT) != 0 && c0 <= '9') {
                NumberRuns.at(this, i);
            }
            if (c0 < 128 && !Chars.isDigit(c0)) {
                Secrets.atWord(this, i, j);
                if (((classes & DIGIT) != 0 || length == 1)
                        && (c0 | 0x20) >= 'x'
                        && (c0 | 0x20) <= 'z'
                        && AlnumIds.spanishId(this, i)) {
                    return j;
                }
                if ((classes & UPPER) != 0
                        && ((classes & DIGIT) != 0
                                || length == 2
                                || length == 8
                                || length == 11
                                || length == 16
                                || (length == 3 && c0 == 'A' && chars[i + 1] == 'T' && chars[i + 2] == 'U'))) {
                    int digits = 0;
                    int upper = 0;
                    for (int k = i; k < j; k++) {
                        char c = chars[k];
                        digits += Chars.isDigit(c) ? 1 : 0;
                        upper += Chars.isUpper(c) ? 1 : 0;
                    }
                    AlnumIds.at(this, i, j, digits, upper);
                } else if (length == 9
                        && (classes & DIGIT) != 0
                        && isLowerAscii(c0)
                        && AlnumIds.lowerCaseNino(this, i)) {
                    return j; // "tw987654a"
                } else if ((classes & DIGIT) != 0
                        && length >= 4
                        && isLowerAscii(c0)
                        && isLowerAscii(chars[i + 1])
                        && Chars.isDigit(chars[i + 2])
                        && Chars.isDigit(chars[i + 3])) {
                    AlnumIds.lowerCaseIban(this, i);
                }
            }
            if (length <= 4 && j < n && chars[j] == ':') {
                Contacts.ipv6(this, i);
            }
            if ((length == 3 || length == 7) && classes == (WORD | UPPER | DIGIT)) {
                PostcodeCities.eircode(this, i, j);
            }
        }
        if ((classes & UPPER) != 0 && Chars.isUpper(chars[i]) && engine.addresses) {
            Addresses.atCapitalizedWord(this, i, j);
        }
        return j;
    }

    @Override
    public void keyword(int start, int end, int payloadIndex) {
        Payload p = engine.payloads[payloadIndex];
        switch (p.type()) {
            case CONTEXT -> addHit(start, end, p.context());
            case TERM ->
                candidates.add(new Candidate(
                        null, p.category(), p.detector(), start, end, p.confidence(), p.confidence(), 0, false, null));
            case PASSWORD_KEY -> Secrets.passwordValue(this, end);
            case GIVEN_NAME, SURNAME, NAME_CUE -> Names.keyword(this, start, end, p.type());
            case STREET -> Addresses.street(this, start, end);
        }
    }

    /**
     * Records a context word, keeping hits in order of their start: a phrase is reported at its longest word, after
     * the hits of the words it starts before.
     */
    private void addHit(int start, int end, int bits) {
        if (hitCount * 3 + 3 > hits.length) {
            hits = Arrays.copyOf(hits, Math.max(48, hits.length * 2));
        }
        int h = hitCount;
        while (h > 0 && hits[(h - 1) * 3] > start) {
            System.arraycopy(hits, (h - 1) * 3, hits, h * 3, 3);
            h--;
        }
        hits[h * 3] = start;
        hits[h * 3 + 1] = end;
        hits[h * 3 + 2] = bits;
        hitCount++;
    }

    /** Whether a context word of {@code bits} ends within {@code window} chars before {@code start} (hits so far). */
    boolean contextBefore(int start, int bits, int window) {
        for (int h = hitCount - 1; h >= 0; h--) {
            int end = hits[h * 3 + 1];
            if (end <= start && start - end > window) {
                return false;
            }
            if (end <= start && (hits[h * 3 + 2] & bits) != 0) {
                return true;
            }
        }
        return false;
    }

    private boolean contextAround(int start, int end, int bits) {
        for (int h = 0; h < hitCount; h++) {
            int hs = hits[h * 3];
            int he = hits[h * 3 + 1];
            if ((hits[h * 3 + 2] & bits) == 0) {
                continue;
            }
            if (he <= start && start - he <= CONTEXT_BEFORE && !separated(he, start)) {
                return true;
            }
            if (hs >= end && hs - end <= CONTEXT_AFTER && !separated(end, hs)) {
                return true;
            }
            if (hs > end + CONTEXT_AFTER) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether a context word at one end of {@code [from, to)} cannot speak for a value at the other end: a sentence
     * ends between them, or another value stands between them (the word belongs to that one).
     */
    private boolean separated(int from, int to) {
        for (int k = from; k < to - 1; k++) {
            char c = text.charAt(k);
            if ((c == '.' || c == '!' || c == '?' || c == ';') && text.charAt(k + 1) == ' ' || c == '\n' || c == '{') {
                return true;
            }
        }
        for (Candidate c : candidates) {
            if (c.exclusive && c.start >= from && c.end <= to) {
                return true;
            }
        }
        return false;
    }

    /** Adds a structural candidate. */
    void add(Kind kind, int start, int end) {
        add(kind, start, end, kind.base);
    }

    void add(Kind kind, int start, int end, double base) {
        if (engine.enabled[kind.ordinal()]) {
            candidates.add(new Candidate(kind, start, end, base, null));
        }
    }

    /** Adds a candidate whose validation is deferred until its confidence is known. */
    void addPending(Kind kind, int start, int end, String pending) {
        if (engine.enabled[kind.ordinal()]) {
            candidates.add(new Candidate(kind, start, end, kind.base, pending));
        }
    }

    /** Marks {@code [.., end)} as covered by an identifier so words inside it are not parsed again. */
    void covered(int end) {
        identifiersFrom = Math.max(identifiersFrom, end);
    }

    List<Finding> finish() {
        engine.runCustom(this);
        if (engine.names != null && engine.enabled[Kind.PERSON_NAME.ordinal()]) {
            PersonNames.apply(this, engine.names);
        }
        if (candidates.isEmpty()) {
            return List.of(); // most segments: nothing to weigh, sort or copy
        }
        double min = engine.minConfidence;
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            double confidence = c.base;
            if (c.context != 0 && c.withContext > confidence && contextAround(c.start, c.end, c.context)) {
                confidence = c.withContext;
            } else if (c.exclusive
                    && c.base > 0
                    && c.kind != Kind.PERSON_NAME // "invoice", "order": words against a number, not a name
                    && contextBefore(c.start, Context.NEGATIVE.bit(), NEGATIVE_BEFORE)) {
                confidence -= 0.35;
            }
            c.confidence = confidence < min || confidence <= 0 ? -1 : confidence;
        }
        for (Candidate c : candidates) {
            if (c.confidence < 0) {
                continue;
            }
            if (c.pending != null
                    && (outranked(c)
                            || !Contacts.validPhone(c.kind, c.pending, engine.phoneRegions, c.confidence > c.base))) {
                continue; // a phone number that would lose its overlap anyway is not validated
            }
            kept.add(c);
        }
        kept.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(b.end, a.end));
        List<Finding> findings = new ArrayList<>(kept.size());
        Candidate last = null;
        int lastIndex = -1;
        for (Candidate c : kept) {
            if (c.exclusive && last != null && c.start < last.end) {
                boolean better = c.confidence > last.confidence
                        || (c.confidence == last.confidence && c.end - c.start > last.end - last.start);
                if (better) {
                    findings.set(lastIndex, toFinding(c));
                    last = c;
                }
                continue;
            }
            if (sameAsEarlier(findings, c)) {
                continue; // two dictionary forms of one word ("depression", "dépression" folded): one finding
            }
            findings.add(toFinding(c));
            if (c.exclusive) {
                last = c;
                lastIndex = findings.size() - 1;
            }
        }
        return findings;
    }

    /**
     * Whether {@code findings} already hold {@code c}'s category over the same span; keeps the higher confidence.
     * Candidates come sorted by start, so only the findings that start where {@code c} does are looked at.
     */
    private static boolean sameAsEarlier(List<Finding> findings, Candidate c) {
        for (int k = findings.size() - 1; k >= 0; k--) {
            Finding f = findings.get(k);
            if (f.start() != c.start) return false;
            if (f.end() == c.end && f.category().equals(c.category)) {
                if (c.confidence > f.confidence()) findings.set(k, toFinding(c));
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a structural candidate that needs no validation covers {@code c} with at least its confidence (an SSN
     * over a number that may also be a phone number): {@code c} would lose that overlap, so it is not validated.
     */
    private boolean outranked(Candidate c) {
        for (Candidate o : candidates) {
            if (o != c
                    && o.exclusive
                    && o.pending == null
                    && o.start <= c.start
                    && o.end >= c.end
                    && o.confidence >= c.confidence) {
                return true;
            }
        }
        return false;
    }

    private static Finding toFinding(Candidate c) {
        return new Finding(c.category, c.start, c.end, Math.min(1.0, c.confidence), c.detector);
    }
}
