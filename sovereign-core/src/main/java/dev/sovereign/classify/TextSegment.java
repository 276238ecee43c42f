package dev.sovereign.classify;

import java.util.Objects;

/**
 * One text-bearing part of a request, with the JSON pointer that locates it, so a finding's offsets can be applied in
 * place (for redaction) to exactly this string.
 *
 * @param path JSON pointer into the request body, for example {@code /messages/0/content/1/text}
 * @param text the segment's text; empty for a binary marker
 * @param binary true when the part is binary content (image, PDF, base64 document) that was not classified
 */
public record TextSegment(String path, String text, boolean binary) {
    public TextSegment {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** A text segment. */
    public TextSegment(String path, String text) {
        this(path, text, false);
    }

    /** A marker for a binary part at {@code path}: it becomes category {@code content.binary}. */
    public static TextSegment binaryPart(String path) {
        return new TextSegment(path, "", true);
    }
}
