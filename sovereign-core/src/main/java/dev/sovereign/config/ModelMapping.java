package dev.sovereign.config;

/**
 * One entry of a provider's model map: requests for {@code pattern} (an exact name, an alias, or a glob
 * with {@code *}) go to this provider as {@code upstream} ({@code *} or empty: the requested name).
 */
public record ModelMapping(String pattern, String upstream) {

    public boolean isGlob() {
        return pattern.indexOf('*') >= 0;
    }

    /** The model name to send upstream for a request that matched this mapping. */
    public String upstreamFor(String requested) {
        return upstream == null || upstream.isEmpty() || upstream.equals("*") ? requested : upstream;
    }

    /** True when a request for {@code model} matches this mapping's pattern. */
    public boolean matches(String model) {
        return isGlob() ? globMatches(pattern, 0, model, 0) : pattern.equals(model);
    }

    private static boolean globMatches(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = s.length(); k >= si; k--) {
                    if (globMatches(p, pi + 1, s, k)) return true;
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) return false;
            pi++;
            si++;
        }
        return si == s.length();
    }
}
