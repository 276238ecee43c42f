package dev.sovereign.classify;

import dev.sovereign.classify.internal.EncodedPayload;
import java.util.Objects;

/**
 * One piece of a request that is classified, with the JSON pointer that locates it, so a finding's offsets can be
 * applied in place (for redaction) to exactly this piece.
 *
 * @param path JSON pointer into the request body, for example {@code /messages/0/content/1/text}; for a {@link
 *     Form#KEY} the pointer of the member whose key it is
 * @param text the segment's text (for encoded payloads the decoded text); empty for a binary marker
 * @param binary true when the part is binary content (an image, audio, an unreadable file) that was not classified
 * @param form what the text is in the body, which says whether and how a finding in it can be replaced
 */
public record TextSegment(String path, String text, boolean binary, Form form) {
    public TextSegment {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(form, "form");
    }

    /** A string value of the body. */
    public TextSegment(String path, String text) {
        this(path, text, false, Form.TEXT);
    }

    /** A segment of another form. */
    public TextSegment(String path, String text, Form form) {
        this(path, text, form == Form.BINARY, form);
    }

    /** A marker for a binary part at {@code path}: it becomes category {@code content.binary}. */
    public static TextSegment binaryPart(String path) {
        return new TextSegment(path, "", true, Form.BINARY);
    }

    /** Whether a value found in this segment can be replaced in the body (else a policy that would must block). */
    public boolean replaceable() {
        return form.replaceable();
    }

    /** What a segment's text is in the body. */
    public enum Form {
        /** A string value, replaced in place. */
        TEXT(true, "value"),
        /** An object key: keys cannot be renamed without changing what the request means. */
        KEY(false, "key"),
        /** A number, classified as the digits it denotes and replaced by a string. */
        NUMBER(true, "number"),
        /** A name or id the API constrains (a tool's name, a tool call's id), which a placeholder would break. */
        IDENTIFIER(false, "identifier"),
        /** Text decoded from a base64 or {@code data:} payload, replaced by encoding the redacted text again. */
        ENCODED_TEXT(true, "encoded text"),
        /** Text extracted from a document (a PDF): the document cannot be rewritten. */
        DOCUMENT_TEXT(false, "document text"),
        /** A query parameter's name or value (decoded), forwarded with the request. */
        QUERY(false, "query parameter"),
        /** A client header's value that is forwarded with the request ({@code anthropic-beta}, …). */
        HEADER(false, "header"),
        /** A payload that could not be read as text; it has no text. */
        BINARY(false, "binary");

        private final boolean replaceable;
        private final String label;

        Form(boolean replaceable, String label) {
            this.replaceable = replaceable;
            this.label = label;
        }

        public boolean replaceable() {
            return replaceable;
        }

        /** How explanations name the form: {@code value}, {@code key}, {@code encoded text}, … */
        public String label() {
            return label;
        }
    }

    /**
     * An {@link Form#ENCODED_TEXT} value as it must be written back once its decoded text is replaced: a {@code data:}
     * URL keeps its media type, parameters and encoding, base64 its alphabet and padding.
     */
    public static String reencode(String encodedValue, String newText) {
        return encodedValue.regionMatches(true, 0, "data:", 0, 5)
                ? EncodedPayload.reencodeDataUrl(encodedValue, newText)
                : EncodedPayload.reencodeBase64(encodedValue, newText);
    }
}
