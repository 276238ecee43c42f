package dev.sovereign.classify;

/**
 * A detector configuration that cannot be loaded: an invalid or unsupported regular expression, an unreadable or
 * malformed dictionary, a bad exact-data-match file. The message names the source (file or setting), the line when
 * there is one, and the problem; it never contains a dictionary entry or a hashed value.
 */
public final class ClassifierConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public ClassifierConfigurationException(String source, int line, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.source = source;
        this.line = line;
    }

    public ClassifierConfigurationException(String source, int line, String problem) {
        this(source, line, problem, null);
    }

    /** The file or setting at fault. */
    public String source() {
        return source;
    }

    /** The 1-based line at fault, or 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }
}
