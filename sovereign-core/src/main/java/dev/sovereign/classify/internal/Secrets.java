package dev.sovereign.classify.internal;

/**
 * Credentials: vendor tokens recognised by their documented prefixes and lengths, AWS key ids, PEM private keys, JWTs,
 * URLs with a password, and values assigned to a password-like key when they look random enough.
 */
final class Secrets {
    private static final double MIN_PASSWORD_ENTROPY = 2.5;

    private Secrets() {}

    private static boolean tokenChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '_' || c == '-';
    }

    /** End of a run of {@code [A-Za-z0-9_-]} from {@code p}. */
    private static int tokenEnd(CharSequence t, int p) {
        while (p < t.length() && tokenChar(t.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean alnumRun(CharSequence t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!Chars.isAsciiAlnum(t.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    static void atWord(Scan s, int i, int j) {
        CharSequence t = s.text;
        switch (t.charAt(i)) {
            case 'A' -> {
                if (j - i == 20 && awsKeyId(t, i)) {
                    emit(s, Kind.AWS_ACCESS_KEY, i, j);
                } else if (Chars.regionEquals(t, i, "AIza") && tokenEnd(t, i) - i == 39) {
                    emit(s, Kind.GOOGLE_API_KEY, i, i + 39);
                }
            }
            case 'g' -> {
                if (t.length() > i + 4
                        && t.charAt(i + 3) == '_'
                        && Chars.regionEquals(t, i, "gh")
                        && "pousr".indexOf(t.charAt(i + 2)) >= 0) {
                    int end = tokenEnd(t, i + 4);
                    if (end - i - 4 >= 36 && alnumRun(t, i + 4, end)) {
                        emit(s, Kind.GITHUB_TOKEN, i, end);
                    }
                } else if (Chars.regionEquals(t, i, "github_pat_")) {
                    int end = tokenEnd(t, i + 11);
                    if (end - i - 11 >= 70) {
                        emit(s, Kind.GITHUB_TOKEN, i, end);
                    }
                } else if (Chars.regionEquals(t, i, "glpat-")) {
                    int end = tokenEnd(t, i + 6);
                    if (end - i - 6 >= 20) {
                        emit(s, Kind.GITLAB_TOKEN, i, end);
                    }
                }
            }
            case 'x' -> {
                if (Chars.regionEquals(t, i, "xox")
                        && t.length() > i + 5
                        && "baprs".indexOf(t.charAt(i + 3)) >= 0
                        && t.charAt(i + 4) == '-') {
                    int end = tokenEnd(t, i + 5);
                    if (end - i - 5 >= 20) {
                        emit(s, Kind.SLACK_TOKEN, i, end);
                    }
                }
            }
            case 's', 'r' -> stripeOrSk(s, i);
            case 'e' -> {
                if (Chars.regionEquals(t, i, "eyJ")) {
                    jwt(s, i);
                }
            }
            default -> {}
        }
    }

    private static void stripeOrSk(Scan s, int i) {
        CharSequence t = s.text;
        if (Chars.regionEquals(t, i + 1, "k_live_") || Chars.regionEquals(t, i + 1, "k_test_")) {
            int end = tokenEnd(t, i + 8);
            if (end - i - 8 >= 20 && alnumRun(t, i + 8, end)) {
                emit(s, Kind.STRIPE_KEY, i, end);
            }
        } else if (t.charAt(i) == 's' && Chars.regionEquals(t, i, "sk-ant-")) {
            int end = tokenEnd(t, i + 7);
            if (end - i - 7 >= 40) {
                emit(s, Kind.ANTHROPIC_KEY, i, end);
            }
        } else if (t.charAt(i) == 's' && Chars.regionEquals(t, i, "sk-")) {
            int body = Chars.regionEquals(t, i, "sk-proj-") ? i + 8 : i + 3;
            int end = tokenEnd(t, body);
            if (end - body >= 32 && hasDigitAndLetter(t, body, end)) {
                emit(s, Kind.OPENAI_KEY, i, end);
            }
        }
    }

    private static boolean awsSecret(CharSequence t, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (!(Chars.isAsciiAlnum(c) || c == '/' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDigitAndLetter(CharSequence t, int from, int to) {
        boolean digit = false;
        boolean letter = false;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            digit |= Chars.isDigit(c);
            letter |= Chars.isAsciiLetter(c);
        }
        return digit && letter;
    }

    private static boolean awsKeyId(CharSequence t, int i) {
        if (!(Chars.regionEquals(t, i, "AKIA")
                || Chars.regionEquals(t, i, "ASIA")
                || Chars.regionEquals(t, i, "AGPA")
                || Chars.regionEquals(t, i, "AIDA")
                || Chars.regionEquals(t, i, "AROA")
                || Chars.regionEquals(t, i, "AIPA")
                || Chars.regionEquals(t, i, "ANPA")
                || Chars.regionEquals(t, i, "ANVA"))) {
            return false;
        }
        for (int k = i + 4; k < i + 20; k++) {
            char c = t.charAt(k);
            if (!(Chars.isUpper(c) || (c >= '2' && c <= '7'))) {
                return false;
            }
        }
        return true;
    }

    private static void emit(Scan s, Kind kind, int start, int end) {
        s.add(kind, start, end);
        s.covered(end);
    }

    /** header.payload.signature, base64url, header and payload both JSON objects ({@code eyJ} is {@code {"}). */
    private static void jwt(Scan s, int i) {
        CharSequence t = s.text;
        int p = tokenEnd(t, i);
        if (p - i < 10 || p >= s.n || t.charAt(p) != '.' || !Chars.regionEquals(t, p + 1, "eyJ")) {
            return;
        }
        int q = tokenEnd(t, p + 1);
        if (q - p - 1 < 10 || q >= s.n || t.charAt(q) != '.') {
            return;
        }
        int r = tokenEnd(t, q + 1);
        emit(s, Kind.JWT, i, r);
    }

    /** {@code -----BEGIN ... PRIVATE KEY-----} up to the matching END line. */
    static void pem(Scan s, int i) {
        CharSequence t = s.text;
        if (!Chars.regionEquals(t, i, "-----BEGIN ")) {
            return;
        }
        int lineEnd = i + 11;
        while (lineEnd < s.n && lineEnd - i < 64 && t.charAt(lineEnd) != '\n') {
            lineEnd++;
        }
        String header = t.subSequence(i, lineEnd).toString();
        if (!header.contains("PRIVATE KEY-----")) {
            return;
        }
        String text = t.toString();
        int endMarker = text.indexOf("-----END ", lineEnd);
        int end;
        if (endMarker < 0) {
            end = s.n; // a truncated key is still a key
        } else {
            int close = text.indexOf("-----", endMarker + 9);
            end = close < 0 ? s.n : close + 5;
        }
        s.add(Kind.PRIVATE_KEY, i, end);
        s.covered(end);
    }

    /** {@code scheme://user:password@host}: the span covers the whole URL up to the host. */
    static void connectionString(Scan s, int colon) {
        CharSequence t = s.text;
        if (!Chars.regionEquals(t, colon, "://")) {
            return;
        }
        int start = colon;
        while (start > 0
                && (Chars.isAsciiAlnum(t.charAt(start - 1))
                        || t.charAt(start - 1) == '+'
                        || t.charAt(start - 1) == ':')) {
            start--;
        }
        if (start == colon) {
            return;
        }
        int p = colon + 3;
        int userColon = -1;
        int at = -1;
        while (p < s.n && p - colon < 512) {
            char c = t.charAt(p);
            if (c == '/' || c == '?' || c == '#' || c <= ' ' || c == '"' || c == '\'' || c == '`') {
                break;
            }
            if (c == ':' && userColon < 0 && at < 0) {
                userColon = p;
            } else if (c == '@') {
                at = p;
            }
            p++;
        }
        if (userColon < 0 || at < 0 || at - userColon < 2) {
            return;
        }
        int end = at + 1;
        while (end < s.n && (Chars.isAsciiAlnum(t.charAt(end)) || t.charAt(end) == '.' || t.charAt(end) == '-')) {
            end++;
        }
        s.add(Kind.CONNECTION_STRING, start, end);
        s.covered(end);
    }

    /**
     * After a key such as {@code password}: an optional closing quote, {@code =}, {@code :} or {@code :=} (or "is"), an
     * optional opening quote, then the value up to a quote, space, comma or semicolon. Reported when the value is long
     * and random enough that it is not a placeholder or prose.
     */
    /** The verbs that join a password word to its value in a sentence, in EN, FR, DE, ES, IT and NL. */
    private static final String[] COPULAS = {"is", "was", "est", "ist", "lautet", "es", "era", "è", "e"};

    /**
     * At {@code p}, after a password word and a space: a verb that gives its value ({@code is}, {@code est}, {@code
     * ist}, {@code lautet}, {@code es}, {@code è}) followed by a space, and the offset after it; or -1.
     */
    private static int copula(CharSequence t, int p, int n) {
        if (p == 0 || t.charAt(p - 1) != ' ') {
            return -1;
        }
        for (String verb : COPULAS) {
            int end = p + verb.length();
            if (end < n
                    && t.charAt(end) == ' '
                    && t.subSequence(p, end).toString().equalsIgnoreCase(verb)) {
                return end + 1;
            }
            if (end < n
                    && t.charAt(end) == ':'
                    && t.subSequence(p, end).toString().equalsIgnoreCase(verb)) {
                return end; // "is: ..." reads on as an assignment
            }
        }
        return -1;
    }

    static void passwordValue(Scan s, int keyEnd) {
        CharSequence t = s.text;
        int p = keyEnd;
        int limit = Math.min(s.n, keyEnd + 6);
        while (p < limit && (t.charAt(p) == '"' || t.charAt(p) == '\'' || t.charAt(p) == ' ' || t.charAt(p) == '_')) {
            p++;
        }
        boolean prose = false;
        if (p < s.n && t.charAt(p) != '=' && t.charAt(p) != ':') {
            int after = copula(t, p, s.n); // "my password is hunter2xyz!", "mon mot de passe est ..."
            if (after < 0) {
                return;
            }
            p = after;
            prose = true;
        }
        if (p >= s.n) {
            return;
        }
        if (t.charAt(p) == '=' || t.charAt(p) == ':') {
            p++;
        } else if (!prose) {
            return;
        }
        if (p < s.n && t.charAt(p) == '=') {
            p++;
        }
        while (p < s.n && p - keyEnd < 12 && (t.charAt(p) == ' ' || t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        int start = p;
        while (p < s.n && p - start < 128) {
            char c = t.charAt(p);
            if (c <= ' ' || c == '"' || c == '\'' || c == ',' || c == ';' || c == '`') {
                break;
            }
            p++;
        }
        if (prose) {
            // the sentence's own punctuation is not part of the value: "... is Tr0ub4dor&3. Then"
            while (p > start && (t.charAt(p - 1) == '.' || t.charAt(p - 1) == '?' || t.charAt(p - 1) == ')')) {
                p--;
            }
        }
        int length = p - start;
        if (length < 8 || t.charAt(start) == '$' || t.charAt(start) == '<' || t.charAt(start) == '{') {
            return;
        }
        int classes;
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int k = start; k < p; k++) {
            char c = t.charAt(k);
            lower |= c >= 'a' && c <= 'z';
            upper |= Chars.isUpper(c);
            digit |= Chars.isDigit(c);
            symbol |= !Chars.isAsciiAlnum(c);
        }
        classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        if (length == 40 && s.contextBefore(start, Context.AWS_SECRET.bit(), 40) && awsSecret(t, start, p)) {
            s.add(Kind.AWS_SECRET_KEY, start, p, Kind.AWS_SECRET_KEY.withContext);
            s.covered(p);
            return;
        }
        if (classes >= 2 && Chars.entropy(t, start, p) >= MIN_PASSWORD_ENTROPY) {
            s.add(
                    Kind.PASSWORD,
                    start,
                    p); // not covered: a vendor token detector may claim the value with more certainty
        }
    }
}
