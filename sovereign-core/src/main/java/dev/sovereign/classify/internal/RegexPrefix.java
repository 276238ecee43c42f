package dev.sovereign.classify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What the first chars of every match of an RE2 pattern must be: for positions 0..k-1 of any match, the set of chars
 * that can stand there. A text position whose chars fall outside these sets cannot start a match, so the pattern need
 * not run there.
 *
 * <p>Design note: this is a conservative reading of the pattern, not a second regex engine. Syntax it does not model
 * ({@code \Q...\E}, anything unexpected) yields no prefix, and the pattern then runs over the whole text as before. A
 * set is over-approximated whenever in doubt (Unicode classes, {@code .}, negated classes take every non-ASCII char),
 * so a position the prefix rejects can never start a match. Case-insensitive flags anywhere widen every letter to both
 * cases.
 */
final class RegexPrefix {
    /** Longest prefix kept: beyond this the filter rejects no more in practice. */
    static final int MAX = 8;

    /** An ASCII bitmap plus whether any non-ASCII char is in the set. */
    record CharSet(long lo, long hi, boolean other) {
        static final CharSet ALL = new CharSet(-1L, -1L, true);
        static final CharSet NONE = new CharSet(0, 0, false);

        static CharSet of(char c) {
            if (c >= 128) {
                return new CharSet(0, 0, true);
            }
            return c < 64 ? new CharSet(1L << c, 0, false) : new CharSet(0, 1L << (c - 64), false);
        }

        static CharSet range(char from, char to) {
            CharSet s = NONE;
            for (int c = from; c <= Math.min(to, 127); c++) {
                s = s.union(of((char) c));
            }
            return to >= 128 ? s.union(new CharSet(0, 0, true)) : s;
        }

        CharSet union(CharSet o) {
            return new CharSet(lo | o.lo, hi | o.hi, other || o.other);
        }

        CharSet complement() {
            return new CharSet(~lo, ~hi, true);
        }

        boolean contains(char c) {
            if (c >= 128) {
                return other;
            }
            return c < 64 ? (lo & (1L << c)) != 0 : (hi & (1L << (c - 64))) != 0;
        }

        /** Both cases of every letter; Unicode case folding also maps some non-ASCII chars to k and s. */
        CharSet bothCases() {
            CharSet s = this;
            for (char c = 'a'; c <= 'z'; c++) {
                char u = Character.toUpperCase(c);
                if (contains(c) || contains(u)) {
                    s = s.union(of(c)).union(of(u)).union(new CharSet(0, 0, true));
                }
            }
            return s;
        }

        /** Whether every char of the set is an RE2 word char ({@code [0-9A-Za-z_]}). */
        boolean wordOnly() {
            return !other && (lo & ~WORD.lo) == 0 && (hi & ~WORD.hi) == 0;
        }
    }

    static final CharSet DIGIT = CharSet.range('0', '9');
    static final CharSet WORD =
            CharSet.range('a', 'z').union(CharSet.range('A', 'Z')).union(DIGIT).union(CharSet.of('_'));
    static final CharSet SPACE = CharSet.of(' ')
            .union(CharSet.of('\t'))
            .union(CharSet.of('\n'))
            .union(CharSet.of('\f'))
            .union(CharSet.of('\r'))
            .union(CharSet.of((char) 11));

    /** The sets, position by position; empty when nothing useful is known. */
    final CharSet[] sets;
    /** Whether the pattern begins with {@code \b} before a word char: a match starts only at a word start. */
    final boolean wordStart;
    /** The most code points a match can span, or -1 when unbounded ({@code *}, {@code +}, {@code {n,}}). */
    final int maxLength;

    private static final int UNBOUNDED = -1;
    private static final int LONGEST = 4096;

    private RegexPrefix(CharSet[] sets, boolean wordStart, int maxLength) {
        this.sets = sets;
        this.wordStart = wordStart;
        this.maxLength = maxLength;
    }

    /** The prefix of {@code regex}, or null when the pattern uses syntax this reading does not model. */
    static RegexPrefix of(String regex) {
        try {
            Parser parser = new Parser(regex);
            Node node = parser.alternation();
            if (parser.p != regex.length()) {
                return null;
            }
            Prefix prefix = node.prefix();
            List<CharSet> sets = new ArrayList<>(prefix.sets);
            if (parser.caseInsensitive) {
                sets.replaceAll(CharSet::bothCases);
            }
            boolean wordStart = node.startsWithWordBoundary()
                    && !sets.isEmpty()
                    && sets.get(0).wordOnly();
            return new RegexPrefix(sets.toArray(new CharSet[0]), wordStart, node.maxLength());
        } catch (RuntimeException e) {
            return null; // not understood: no prefilter, the pattern runs over the whole text
        }
    }

    /** Whether {@code text[at...]} can start a match (every known position, and the word start if required). */
    boolean admits(CharSequence text, int at, int n) {
        if (wordStart && at > 0 && isWord(text.charAt(at - 1))) {
            return false;
        }
        for (int k = 0; k < sets.length; k++) {
            if (at + k >= n || !sets[k].contains(text.charAt(at + k))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWord(char c) {
        return c < 128 && WORD.contains(c);
    }

    /** The sets of the first positions, and whether they cover the node's whole (fixed) length. */
    private record Prefix(List<CharSet> sets, boolean exact) {
        static final Prefix EMPTY_EXACT = new Prefix(List.of(), true);
    }

    private static int add(int a, int b) {
        return a == UNBOUNDED || b == UNBOUNDED || a + b > LONGEST ? UNBOUNDED : a + b;
    }

    private sealed interface Node permits SetNode, Assertion, Sequence, Alternation, Repeat {
        Prefix prefix();

        int maxLength();

        default boolean startsWithWordBoundary() {
            return false;
        }
    }

    private record SetNode(CharSet set) implements Node {
        @Override
        public int maxLength() {
            return 1;
        }

        @Override
        public Prefix prefix() {
            return new Prefix(List.of(set), true);
        }
    }

    private record Assertion(boolean wordBoundary) implements Node {
        @Override
        public int maxLength() {
            return 0;
        }

        @Override
        public Prefix prefix() {
            return Prefix.EMPTY_EXACT;
        }

        @Override
        public boolean startsWithWordBoundary() {
            return wordBoundary;
        }
    }

    private record Sequence(List<Node> items) implements Node {
        @Override
        public int maxLength() {
            int total = 0;
            for (Node item : items) {
                total = add(total, item.maxLength());
            }
            return total;
        }

        @Override
        public Prefix prefix() {
            List<CharSet> sets = new ArrayList<>();
            for (Node item : items) {
                Prefix p = item.prefix();
                sets.addAll(p.sets);
                if (sets.size() >= MAX) {
                    return new Prefix(sets.subList(0, MAX), false);
                }
                if (!p.exact) {
                    return new Prefix(sets, false);
                }
            }
            return new Prefix(sets, true);
        }

        @Override
        public boolean startsWithWordBoundary() {
            return !items.isEmpty() && items.get(0).startsWithWordBoundary();
        }
    }

    private record Alternation(List<Node> alternatives) implements Node {
        @Override
        public int maxLength() {
            int longest = 0;
            for (Node alternative : alternatives) {
                int length = alternative.maxLength();
                if (length == UNBOUNDED) {
                    return UNBOUNDED;
                }
                longest = Math.max(longest, length);
            }
            return longest;
        }

        @Override
        public Prefix prefix() {
            List<Prefix> all = alternatives.stream().map(Node::prefix).toList();
            int k = all.stream().mapToInt(p -> p.sets.size()).min().orElse(0);
            boolean exact = all.stream().allMatch(p -> p.exact && p.sets.size() == k);
            List<CharSet> sets = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                CharSet s = CharSet.NONE;
                for (Prefix p : all) {
                    s = s.union(p.sets.get(i));
                }
                sets.add(s);
            }
            return new Prefix(sets, exact);
        }

        @Override
        public boolean startsWithWordBoundary() {
            return alternatives.stream().allMatch(Node::startsWithWordBoundary);
        }
    }

    private record Repeat(Node node, int min, int max) implements Node {
        @Override
        public int maxLength() {
            int one = node.maxLength();
            if (one == 0 || max == 0) {
                return 0;
            }
            if (one == UNBOUNDED || max == UNBOUNDED || (long) one * max > LONGEST) {
                return UNBOUNDED;
            }
            return one * max;
        }

        @Override
        public Prefix prefix() {
            if (min == 0) {
                return new Prefix(List.of(), max == 0);
            }
            Prefix p = node.prefix();
            if (!p.exact) {
                return new Prefix(p.sets, false);
            }
            List<CharSet> sets = new ArrayList<>();
            for (int r = 0; r < min && sets.size() < MAX; r++) {
                sets.addAll(p.sets);
            }
            boolean exact = min == max && sets.size() < MAX;
            return new Prefix(sets.size() > MAX ? sets.subList(0, MAX) : sets, exact);
        }

        @Override
        public boolean startsWithWordBoundary() {
            return min > 0 && node.startsWithWordBoundary();
        }
    }

    /** Recursive descent over RE2 syntax; throws on anything it does not model. */
    private static final class Parser {
        final String r;
        int p;
        boolean caseInsensitive;
        boolean dotAll;

        Parser(String regex) {
            this.r = regex;
        }

        Node alternation() {
            List<Node> alternatives = new ArrayList<>();
            alternatives.add(sequence());
            while (p < r.length() && r.charAt(p) == '|') {
                p++;
                alternatives.add(sequence());
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Alternation(alternatives);
        }

        Node sequence() {
            List<Node> items = new ArrayList<>();
            while (p < r.length() && r.charAt(p) != '|' && r.charAt(p) != ')') {
                Node atom = atom();
                if (atom != null) {
                    items.add(quantified(atom));
                }
            }
            return new Sequence(items);
        }

        Node quantified(Node atom) {
            while (p < r.length()) {
                char c = r.charAt(p);
                int min;
                int max;
                if (c == '*') {
                    min = 0;
                    max = -1;
                    p++;
                } else if (c == '+') {
                    min = 1;
                    max = -1;
                    p++;
                } else if (c == '?') {
                    min = 0;
                    max = 1;
                    p++;
                } else if (c == '{'
                        && r.indexOf('}', p) > p
                        && r.substring(p + 1, r.indexOf('}', p)).matches("\\d+(,\\d*)?")) {
                    String body = r.substring(p + 1, r.indexOf('}', p));
                    p = r.indexOf('}', p) + 1;
                    int comma = body.indexOf(',');
                    min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                    max = comma < 0
                            ? min
                            : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
                } else {
                    return atom;
                }
                if (p < r.length() && r.charAt(p) == '?') {
                    p++; // lazy: same set of matches' first chars
                }
                atom = new Repeat(atom, min, max);
            }
            return atom;
        }

        /** One atom, or null for a flag group such as {@code (?i)} that only changes flags. */
        Node atom() {
            char c = r.charAt(p++);
            switch (c) {
                case '(' -> {
                    if (r.startsWith("?", p)) {
                        p++;
                        if (r.startsWith("P<", p) || r.startsWith("<", p)) {
                            p = r.indexOf('>', p) + 1;
                        } else {
                            boolean negate = false;
                            while (p < r.length() && r.charAt(p) != ':' && r.charAt(p) != ')') {
                                char f = r.charAt(p++);
                                if (f == '-') {
                                    negate = true;
                                } else if (f == 'i' && !negate) {
                                    caseInsensitive = true;
                                } else if (f == 's' && !negate) {
                                    dotAll = true;
                                } else if ("imsU".indexOf(f) < 0) {
                                    throw new IllegalArgumentException("flag " + f);
                                }
                            }
                            if (r.charAt(p++) == ')') {
                                return null;
                            }
                        }
                    }
                    Node inner = alternation();
                    expect(')');
                    return inner;
                }
                case '[' -> {
                    return new SetNode(charClass());
                }
                case '.' -> {
                    return new SetNode(CharSet.ALL);
                }
                case '^', '$' -> {
                    return new Assertion(false);
                }
                case '\\' -> {
                    return escape();
                }
                case '*', '+', '?', ')' -> throw new IllegalArgumentException("unexpected " + c);
                default -> {
                    return new SetNode(CharSet.of(c));
                }
            }
        }

        private void expect(char c) {
            if (p >= r.length() || r.charAt(p) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            p++;
        }

        Node escape() {
            char e = r.charAt(p++);
            return switch (e) {
                case 'b' -> new Assertion(true);
                case 'B', 'A', 'z' -> new Assertion(false);
                default -> new SetNode(escapeSet(e));
            };
        }

        /** The set of an escape inside or outside a class (after the backslash). */
        CharSet escapeSet(char e) {
            return switch (e) {
                case 'd' -> DIGIT;
                case 'D' -> DIGIT.complement();
                case 'w' -> WORD;
                case 'W' -> WORD.complement();
                case 's' -> SPACE;
                case 'S' -> SPACE.complement();
                case 'n' -> CharSet.of('\n');
                case 't' -> CharSet.of('\t');
                case 'r' -> CharSet.of('\r');
                case 'f' -> CharSet.of('\f');
                case 'v' -> CharSet.of((char) 11);
                case 'a' -> CharSet.of((char) 7);
                case 'p', 'P' -> {
                    if (p < r.length() && r.charAt(p) == '{') {
                        p = r.indexOf('}', p) + 1;
                    } else {
                        p++;
                    }
                    yield CharSet.ALL;
                }
                case 'x' -> {
                    String hex;
                    if (r.charAt(p) == '{') {
                        int close = r.indexOf('}', p);
                        hex = r.substring(p + 1, close);
                        p = close + 1;
                    } else {
                        hex = r.substring(p, p + 2);
                        p += 2;
                    }
                    int code = Integer.parseInt(hex, 16);
                    yield code < 128 ? CharSet.of((char) code) : CharSet.ALL;
                }
                default -> {
                    if (Character.isLetterOrDigit(e)) {
                        throw new IllegalArgumentException("escape \\" + e); // \Q, \C, octal: not modelled
                    }
                    yield CharSet.of(e);
                }
            };
        }

        CharSet charClass() {
            boolean negate = r.charAt(p) == '^';
            if (negate) {
                p++;
            }
            CharSet set = CharSet.NONE;
            boolean first = true;
            while (first || r.charAt(p) != ']') {
                first = false;
                if (r.startsWith("[:", p)) {
                    p = r.indexOf(":]", p) + 2;
                    set = CharSet.ALL; // POSIX class: over-approximate
                    continue;
                }
                char c = r.charAt(p++);
                CharSet item;
                char from = c;
                if (c == '\\') {
                    char e = r.charAt(p++);
                    item = escapeSet(e);
                    from = isSingle(item) ? single(item) : 0;
                } else {
                    item = CharSet.of(c);
                }
                if (from != 0 && r.charAt(p) == '-' && r.charAt(p + 1) != ']') {
                    p++;
                    char to = r.charAt(p++);
                    if (to == '\\') {
                        CharSet end = escapeSet(r.charAt(p++));
                        if (!isSingle(end)) {
                            throw new IllegalArgumentException("range to a class");
                        }
                        to = single(end);
                    }
                    item = CharSet.range(from, to);
                }
                set = set.union(item);
            }
            p++;
            return negate ? set.complement() : set;
        }

        private static boolean isSingle(CharSet s) {
            return !s.other() && Long.bitCount(s.lo()) + Long.bitCount(s.hi()) == 1;
        }

        private static char single(CharSet s) {
            return s.lo() != 0
                    ? (char) Long.numberOfTrailingZeros(s.lo())
                    : (char) (64 + Long.numberOfTrailingZeros(s.hi()));
        }
    }
}
