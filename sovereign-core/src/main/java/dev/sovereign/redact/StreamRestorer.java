package dev.sovereign.redact;

import dev.sovereign.redact.internal.Parts;
import dev.sovereign.redact.internal.PlaceholderScanner;
import java.util.Objects;

/**
 * Restores placeholders in one stream of deltas, in order: one per Anthropic content block, OpenAI choice or tool
 * call. {@link #feed} returns the text to emit now: everything except a possible placeholder cut by the end of the
 * delta (at most {@value PlaceholderScanner#MAX_LENGTH} chars, such as a trailing {@code ⟦EMA}, {@code [IB}, {@code [}
 * or, in text, a backslash that may escape a {@code [}), which is held until the next delta tells; {@link #finish}
 * returns what is still held, restored where it can be. A placeholder split over any number of deltas is restored
 * exactly; text that cannot start a placeholder is never held. A square bracket is held only while what follows it
 * can still become an issued type ({@code [note} is emitted at once when no type starts with {@code NOTE}).
 *
 * <p>Not thread-safe; counts go to the {@link Restorer} that made it.
 */
public final class StreamRestorer {
    private final Restorer restorer;
    private final PlaceholderScanner scanner;
    private final boolean passThrough;
    private final StringBuilder held = new StringBuilder();
    private boolean finished;

    StreamRestorer(Restorer restorer, PlaceholderScanner scanner, boolean passThrough) {
        this.restorer = restorer;
        this.scanner = scanner;
        this.passThrough = passThrough;
    }

    /** The text to emit for {@code delta}, placeholders restored; may be empty when all of it is held. */
    public String feed(String delta) {
        Objects.requireNonNull(delta, "delta");
        if (finished) {
            throw new IllegalStateException("StreamRestorer: feed after finish");
        }
        if (passThrough) {
            return delta;
        }
        if (held.isEmpty()) {
            int first = scanner.next(delta, 0, delta.length());
            if (first < 0) {
                if (!scanner.holdsLast(delta, 0, delta.length())) {
                    return delta;
                }
                held.append(delta.charAt(delta.length() - 1));
                return delta.substring(0, delta.length() - 1);
            }
            Parts out = new Parts(4);
            out.add(delta, 0, first);
            int hold = restorer.restore(scanner, delta, first, delta.length(), false, out);
            held.append(delta, hold, delta.length());
            return out.join();
        }
        held.append(delta);
        Parts out = new Parts(4);
        int hold = restorer.restore(scanner, held, 0, held.length(), false, out);
        held.delete(0, hold);
        return out.join();
    }

    /** What is still held, restored where it can be; the stream ends. Calling it again returns "". */
    public String finish() {
        finished = true;
        if (held.isEmpty()) {
            return "";
        }
        Parts out = new Parts(4);
        restorer.restore(scanner, held, 0, held.length(), true, out);
        held.setLength(0);
        return out.join();
    }
}
