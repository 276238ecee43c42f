package dev.sovereign.classify.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes the inline payloads of LLM request bodies (Anthropic base64 document and image sources, OpenAI {@code data:}
 * URLs, raw base64 audio) so that the text they carry is classified like any other text instead of being counted as
 * opaque binary.
 *
 * <p>Decoded bytes that read as text (strict UTF-8, a BOM'd UTF-16, the declared charset, or ISO-8859-1 for declared
 * text types) are {@link Kind#TEXT} whatever the declared media type: the type is the sender's claim, and text
 * disguised as an image is exactly what must not slip through. A PDF (declared, or bytes starting with {@code %PDF-})
 * yields its text and metadata through {@link PdfText}. Everything else (real images, audio, video, archives) stays
 * {@link Kind#BINARY}: nothing here does OCR or transcription.
 *
 * <p>Bounds against hostile payloads: a known image, audio, video or archive magic number whose first 96 bytes also hold
 * a NUL is binary after a validity scan and the decoding of only 128 base64 chars, so a megabyte screenshot is never
 * decoded; the NUL condition keeps "GIF89a" in front of plain text from passing as an image, since no text reading
 * accepts a NUL. PDFs are read with 64 MB of scratch memory, 200 pages and 2,000,000 chars at most; a PDF that does not
 * parse is judged as plain bytes, so {@code %PDF-} in front of text does not hide it. Garbage never throws: decoding
 * returns null (not base64, not a data URL) or BINARY.
 *
 * <p>Stateless and thread-safe.
 */
public final class EncodedPayload {
    public enum Kind {
        TEXT,
        PDF,
        BINARY
    }

    /** What a payload holds. text: decoded text (TEXT), extracted text (PDF), "" (BINARY). */
    public record Decoded(Kind kind, String text, String mediaType) {}

    /** 96 decoded bytes: every magic number below and the header fields after it, where real files have NULs. */
    private static final int SNIFF_CHARS = 128;
    /** At most one control char in this many for decoded chars to count as text. */
    private static final int CONTROL_SHARE = 20;

    private static final byte[] PDF = bytes("%PDF-");
    private static final byte[][] MAGIC = {
        {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
        {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
        bytes("GIF87a"),
        bytes("GIF89a"),
        bytes("RIFF"), // WebP, WAV, AVI
        bytes("ID3"),
        bytes("OggS"),
        bytes("fLaC"),
        {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, // Matroska, WebM
        {'P', 'K', 3, 4},
        {0x1F, (byte) 0x8B},
        {'I', 'I', '*', 0},
        {'M', 'M', 0, '*'},
        bytes("BM")
    };
    private static final byte[] FTYP = bytes("ftyp"); // MP4, M4A, MOV, HEIC, AVIF: at offset 4
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Set<String> TEXT_TYPES = Set.of(
            "application/json",
            "application/xml",
            "application/csv",
            "application/x-yaml",
            "application/yaml",
            "application/javascript",
            "application/x-ndjson");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EncodedPayload() {}

    /**
     * Decodes a base64 payload (standard or URL-safe alphabet, padding optional, whitespace and newlines ignored) declared
     * as mediaType (may be null or unknown; a charset parameter is honoured). Returns null when value is not valid base64
     * at all.
     */
    public static Decoded fromBase64(String value, String mediaType) {
        if (value == null) {
            return null;
        }
        Media media = Media.parse(mediaType == null ? "" : mediaType, false);
        return base64(value, 0, value.length(), media);
    }

    /**
     * A data: URL (RFC 2397: data:[&lt;mediatype&gt;][;charset=...][;base64],&lt;data&gt;), base64 or percent-encoded.
     * Returns null when value is not a data URL; a data URL whose data does not decode is BINARY.
     */
    public static Decoded fromDataUrl(String value) {
        int comma = dataComma(value);
        if (comma < 0) {
            return null;
        }
        Media media = Media.parse(value.substring(5, comma), true);
        if (!media.base64) {
            return classify(percentDecode(value, comma + 1), media);
        }
        Decoded decoded;
        if (value.indexOf('%', comma + 1) >= 0) {
            String data = new String(percentDecode(value, comma + 1), ISO_8859_1);
            decoded = base64(data, 0, data.length(), media);
        } else {
            decoded = base64(value, comma + 1, value.length(), media);
        }
        return decoded != null ? decoded : binary(media);
    }

    /**
     * value re-encoded with text replaced: UTF-8, unwrapped, in the alphabet (standard or URL-safe) and padding style of
     * the original.
     */
    public static String reencodeBase64(String original, String newText) {
        Base64Run run = original == null ? null : Base64Run.of(original, 0, original.length());
        return encoder(run).encodeToString(newText.getBytes(UTF_8));
    }

    /**
     * The data URL with its data replaced by newText, keeping its media type, parameters and encoding (base64 or
     * percent). The declared charset is kept when it can encode newText; otherwise it becomes UTF-8, since a charset the
     * text does not fit would lose characters.
     *
     * @throws IllegalArgumentException if original is not a data URL
     */
    public static String reencodeDataUrl(String original, String newText) {
        int comma = dataComma(original);
        if (comma < 0) {
            throw new IllegalArgumentException("not a data URL");
        }
        Media media = Media.parse(original.substring(5, comma), true);
        String header = original.substring(0, comma + 1);
        Charset charset = media.charset == null ? UTF_8 : media.charset;
        if (!charset.canEncode() || !charset.newEncoder().canEncode(newText)) {
            header = withUtf8(header);
            charset = UTF_8;
        }
        byte[] bytes = newText.getBytes(charset);
        if (!media.base64) {
            return header + percentEncode(bytes);
        }
        return header
                + encoder(Base64Run.of(original, comma + 1, original.length())).encodeToString(bytes);
    }

    private static Decoded base64(String s, int from, int to, Media media) {
        Base64Run run = Base64Run.of(s, from, to);
        if (run == null) {
            return null;
        }
        try {
            // A declared charset could make NULs text (UTF-16), and a declared PDF is parsed whatever its first bytes.
            if (run.data() > SNIFF_CHARS && media.charset == null && !media.isPdf()) {
                byte[] head = run.decode(s, from, SNIFF_CHARS);
                if (knownBinary(head) && hasNul(head)) {
                    return binary(media);
                }
            }
            return classify(run.decode(s, from, run.data()), media);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Decoded classify(byte[] bytes, Media media) {
        if (media.isPdf() || startsWith(bytes, 0, PDF)) {
            String text = PdfText.extract(bytes);
            if (text != null) {
                return new Decoded(Kind.PDF, text, media.essence);
            }
        }
        String text = text(bytes, media);
        return text != null ? new Decoded(Kind.TEXT, text, media.essence) : binary(media);
    }

    /** bytes as text, or null when no reading they admit gives text. */
    private static String text(byte[] bytes, Media media) {
        String text = media.charset == null ? null : decode(bytes, 0, media.charset);
        if (text == null || !textLike(text)) {
            if (startsWith(bytes, 0, UTF8_BOM)) {
                text = decode(bytes, 3, UTF_8);
            } else if (bytes.length >= 2
                    && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
                text = decode(bytes, 0, StandardCharsets.UTF_16); // reads either byte order mark
            } else {
                text = decode(bytes, 0, UTF_8);
            }
        }
        // Declared text in a legacy single-byte encoding is still text; for undeclared bytes it would pass noise.
        if ((text == null || !textLike(text)) && media.isText()) {
            text = decode(bytes, 0, ISO_8859_1);
        }
        return text != null && textLike(text) ? text : null;
    }

    private static String decode(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** No NUL, and few controls: ESC is not counted because terminal output with ANSI colours is text. */
    static boolean textLike(String text) {
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B)
                    || (c >= 0x7F && c <= 0x9F)) {
                controls++;
            }
        }
        return controls * CONTROL_SHARE <= text.length();
    }

    private static boolean knownBinary(byte[] head) {
        for (byte[] magic : MAGIC) {
            if (startsWith(head, 0, magic)) {
                return true;
            }
        }
        // MPEG audio frame sync (MP3 without an ID3 tag, AAC ADTS): 11 set bits; FF FE is rather the UTF-16LE BOM.
        return startsWith(head, 4, FTYP)
                || (head.length > 1 && head[0] == (byte) 0xFF && (head[1] & 0xE0) == 0xE0 && head[1] != (byte) 0xFE);
    }

    private static boolean hasNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Decoded binary(Media media) {
        return new Decoded(Kind.BINARY, "", media.essence);
    }

    private static Base64.Encoder encoder(Base64Run run) {
        Base64.Encoder encoder = run != null && run.urlSafe() ? Base64.getUrlEncoder() : Base64.getEncoder();
        return run == null || run.padded() ? encoder : encoder.withoutPadding();
    }

    /** The index of the comma that ends a data URL's header, or -1 when value is not a data URL. */
    private static int dataComma(String value) {
        return value != null && value.regionMatches(true, 0, "data:", 0, 5) ? value.indexOf(',', 5) : -1;
    }

    /** The data of a percent-encoded URL as bytes; chars a URL should not hold raw are taken as UTF-8. */
    private static byte[] percentDecode(String s, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() - from);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi;
            int lo;
            if (c == '%'
                    && i + 2 < s.length()
                    && (hi = Character.digit(s.charAt(i + 1), 16)) >= 0
                    && (lo = Character.digit(s.charAt(i + 2), 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int end = i + Character.charCount(s.codePointAt(i));
                out.writeBytes(s.substring(i, end).getBytes(UTF_8));
                i = end - 1;
            }
        }
        return out.toByteArray();
    }

    private static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || (c < 0x80 && "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** header ("data:...,") with its charset parameter set to UTF-8, other parameters as they were. */
    private static String withUtf8(String header) {
        String[] parts = header.substring(5, header.length() - 1).split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].strip().regionMatches(true, 0, "charset=", 0, 8)) {
                parts[i] = "charset=UTF-8";
            }
        }
        return header.substring(0, 5) + String.join(";", parts) + ",";
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /** A declared media type: essence in lower case, a supported charset if one is named, the data URL base64 flag. */
    private record Media(String essence, Charset charset, boolean base64) {
        static Media parse(String type, boolean dataUrl) {
            String[] parts = type.split(";", -1);
            boolean base64 = dataUrl
                    && parts.length > 1
                    && parts[parts.length - 1].strip().equalsIgnoreCase("base64");
            Charset charset = null;
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                if (part.regionMatches(true, 0, "charset=", 0, 8)) {
                    charset = charset(part.substring(8).replace("\"", "").strip());
                }
            }
            String essence = parts[0].strip().toLowerCase(Locale.ROOT);
            // RFC 2397: an omitted media type is text/plain;charset=US-ASCII; UTF-8 reads ASCII alike and more.
            return new Media(essence.isEmpty() ? (dataUrl ? "text/plain" : null) : essence, charset, base64);
        }

        private static Charset charset(String name) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) { // illegal or unsupported name
                return null;
            }
        }

        boolean isPdf() {
            return "application/pdf".equals(essence);
        }

        boolean isText() {
            return essence != null
                    && (essence.startsWith("text/")
                            || TEXT_TYPES.contains(essence)
                            || (essence.startsWith("application/")
                                    && (essence.endsWith("+json") || essence.endsWith("+xml"))));
        }
    }
}
