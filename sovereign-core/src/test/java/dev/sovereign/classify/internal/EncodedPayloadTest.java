package dev.sovereign.classify.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.classify.internal.EncodedPayload.Decoded;
import dev.sovereign.classify.internal.EncodedPayload.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Inline base64 and data URL payloads yield the text they carry; real media stays binary. */
class EncodedPayloadTest {
    private static final String SECRET = "Contact jane.doe@example.org IBAN DE89370400440532013000";

    @Test
    void decodesPlainTextWithAnEmail() {
        Decoded decoded = EncodedPayload.fromBase64(b64("Write to jane.doe@example.org today.\n"), "text/plain");

        assertThat(decoded).isEqualTo(new Decoded(Kind.TEXT, "Write to jane.doe@example.org today.\n", "text/plain"));
    }

    @Test
    void decodesMultibyteUtf8Text() {
        String text = "Zoë Ünal, 東京都千代田区, ☎ +49 30 1234567 😀";

        assertThat(EncodedPayload.fromBase64(b64(text), "text/markdown").text()).isEqualTo(text);
    }

    @Test
    void decodesTextWithAnUnknownOrMissingMediaType() {
        assertThat(EncodedPayload.fromBase64(b64(SECRET), null)).isEqualTo(new Decoded(Kind.TEXT, SECRET, null));
        assertThat(EncodedPayload.fromBase64(b64(SECRET), "application/x-whatever")
                        .kind())
                .isEqualTo(Kind.TEXT);
    }

    @Test
    void treatsAPngDeclaredAsAnImageAsBinary() {
        Decoded decoded = EncodedPayload.fromBase64(b64(png()), "image/png");

        assertThat(decoded).isEqualTo(new Decoded(Kind.BINARY, "", "image/png"));
    }

    @Test
    void treatsAPngAsBinaryWhateverItIsDeclaredAs() {
        assertThat(EncodedPayload.fromBase64(b64(png()), "text/plain").kind()).isEqualTo(Kind.BINARY);
        assertThat(EncodedPayload.fromBase64(b64(png()), null).kind()).isEqualTo(Kind.BINARY);
    }

    @Test
    void findsTextDisguisedAsAPng() {
        Decoded decoded = EncodedPayload.fromBase64(b64(SECRET.repeat(5)), "image/png");

        assertThat(decoded).isEqualTo(new Decoded(Kind.TEXT, SECRET.repeat(5), "image/png"));
    }

    @Test
    void findsTextBehindAMagicNumberWithoutBinaryHeaderFields() {
        String text = "GIF89a " + SECRET.repeat(5);

        assertThat(EncodedPayload.fromBase64(b64(text), "image/gif").text()).isEqualTo(text);
    }

    @Test
    void treatsAJpegHeaderAsBinary() {
        byte[] jpeg = concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10}, ascii("JFIF\0"));
        jpeg = concat(jpeg, random(500, 7));

        assertThat(EncodedPayload.fromBase64(b64(jpeg), "image/jpeg").kind()).isEqualTo(Kind.BINARY);
    }

    @Test
    void treatsWaveAudioAsBinary() {
        byte[] wave = concat(ascii("RIFF"), new byte[] {0x24, 0x10, 0, 0});
        wave = concat(concat(wave, ascii("WAVEfmt ")), random(400, 3));

        assertThat(EncodedPayload.fromBase64(b64(wave), "audio/wav").kind()).isEqualTo(Kind.BINARY);
    }

    @Test
    void extractsTheTextAndMetadataOfAPdf() throws IOException {
        Decoded decoded =
                EncodedPayload.fromBase64(b64(pdf("Quarterly report for Jane Doe", SECRET)), "application/pdf");

        assertThat(decoded.kind()).isEqualTo(Kind.PDF);
        assertThat(decoded.mediaType()).isEqualTo("application/pdf");
        assertThat(decoded.text())
                .contains("jane.doe@example.org", "DE89370400440532013000", "\nQuarterly report for Jane Doe");
    }

    @Test
    void recognisesAPdfByItsHeaderWhateverItIsDeclaredAs() throws IOException {
        assertThat(EncodedPayload.fromBase64(b64(pdf(null, SECRET)), "image/png")
                        .kind())
                .isEqualTo(Kind.PDF);
    }

    @Test
    void treatsACorruptPdfAsBinary() {
        byte[] corrupt = concat(ascii("%PDF-1.7\n"), random(2000, 11));

        assertThat(EncodedPayload.fromBase64(b64(corrupt), "application/pdf"))
                .isEqualTo(new Decoded(Kind.BINARY, "", "application/pdf"));
    }

    @Test
    void readsTextBehindAPdfHeaderThatDoesNotParseAsText() {
        String text = "%PDF-1.7\n" + SECRET;

        assertThat(EncodedPayload.fromBase64(b64(text), "application/pdf"))
                .isEqualTo(new Decoded(Kind.TEXT, text, "application/pdf"));
    }

    @Test
    void treatsAPdfEncryptedWithAUserPasswordAsBinary() throws IOException {
        byte[] encrypted = pdf(null, SECRET, new StandardProtectionPolicy("owner", "user", new AccessPermission()));

        assertThat(EncodedPayload.fromBase64(b64(encrypted), "application/pdf").kind())
                .isEqualTo(Kind.BINARY);
    }

    @Test
    void readsAPdfEncryptedWithAnEmptyUserPassword() throws IOException {
        byte[] encrypted = pdf(null, SECRET, new StandardProtectionPolicy("owner", "", new AccessPermission()));

        Decoded decoded = EncodedPayload.fromBase64(b64(encrypted), "application/pdf");

        assertThat(decoded.kind()).isEqualTo(Kind.PDF);
        assertThat(decoded.text()).contains("jane.doe@example.org");
    }

    @Test
    void readsNoMorePagesThanTheLimit() throws IOException {
        String[] pages = new String[PdfText.MAX_PAGES + 1];
        Arrays.fill(pages, "filler");
        pages[PdfText.MAX_PAGES] = SECRET;

        String text = EncodedPayload.fromBase64(b64(pdf(null, pages)), null).text();

        assertThat(text).contains("filler").doesNotContain("jane.doe");
    }

    @Test
    void keepsNoMoreCharsThanTheLimitButStillTheMetadata() throws IOException {
        String text = PdfText.extract(pdf("The title", SECRET, SECRET), PdfText.MAX_PAGES, 20);

        assertThat(text).isEqualTo(SECRET.substring(0, 20) + "\nThe title");
    }

    @Test
    void treatsRandomBytesWithNulsAsBinary() {
        byte[] bytes = random(3000, 5);
        bytes[0] = 0;
        bytes[100] = 0;

        assertThat(EncodedPayload.fromBase64(b64(bytes), "application/octet-stream"))
                .isEqualTo(new Decoded(Kind.BINARY, "", "application/octet-stream"));
        assertThat(EncodedPayload.fromBase64(b64(bytes), "image/png").kind()).isEqualTo(Kind.BINARY);
    }

    @Test
    void readsDeclaredTextInALegacyEncodingOnlyWhenDeclared() {
        byte[] latin1 = "Grüße, Zoë".getBytes(ISO_8859_1);

        assertThat(EncodedPayload.fromBase64(b64(latin1), "text/csv").text()).isEqualTo("Grüße, Zoë");
        assertThat(EncodedPayload.fromBase64(b64(latin1), "image/png").kind()).isEqualTo(Kind.BINARY);
    }

    @Test
    void readsUtf16TextThatStartsWithAByteOrderMark() {
        byte[] utf16 = SECRET.getBytes(StandardCharsets.UTF_16LE);

        assertThat(EncodedPayload.fromBase64(b64(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf16)), "image/png")
                        .text())
                .isEqualTo(SECRET);
    }

    @Test
    void acceptsUrlSafeUnpaddedAndWrappedBase64() {
        String text = "??>>~~ jane.doe@example.org ÿ";
        String standard = b64(text);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
        String wrapped = Base64.getMimeEncoder(8, "\r\n".getBytes(UTF_8)).encodeToString(text.getBytes(UTF_8));

        assertThat(urlSafe).containsAnyOf("-", "_");
        assertThat(EncodedPayload.fromBase64(urlSafe, "text/plain").text()).isEqualTo(text);
        assertThat(EncodedPayload.fromBase64(wrapped, "text/plain").text()).isEqualTo(text);
        assertThat(EncodedPayload.fromBase64(" \n" + standard + "\n", "text/plain")
                        .text())
                .isEqualTo(text);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "not base64!",
                "QUJDR",
                "QU=JD",
                "QUJD===",
                "QUI===",
                "QUJD=",
                "QU==JD",
                "QU+J_D",
                "QUJD\u0000",
                "data:,x"
            })
    void rejectsWhatIsNotBase64(String value) {
        assertThat(EncodedPayload.fromBase64(value, "text/plain")).isNull();
    }

    @Test
    void validatesTheWholePayloadEvenWhenItsHeaderSaysImage() {
        assertThat(EncodedPayload.fromBase64(b64(png()) + "!", "image/png")).isNull();
        assertThat(EncodedPayload.fromBase64(b64(png()) + "=", "image/png")).isNull();
    }

    @Test
    void decodesABase64DataUrl() {
        assertThat(EncodedPayload.fromDataUrl("data:text/plain;base64," + b64(SECRET)))
                .isEqualTo(new Decoded(Kind.TEXT, SECRET, "text/plain"));
    }

    @Test
    void decodesAPercentEncodedDataUrlAsTextPlain() {
        assertThat(EncodedPayload.fromDataUrl("data:,Hello%20jane%40example.org"))
                .isEqualTo(new Decoded(Kind.TEXT, "Hello jane@example.org", "text/plain"));
    }

    @Test
    void honoursTheCharsetOfADataUrl() {
        String url = "data:text/plain;charset=ISO-8859-1;base64," + b64("Zoë Müller, Straße 5".getBytes(ISO_8859_1));

        assertThat(EncodedPayload.fromDataUrl(url).text()).isEqualTo("Zoë Müller, Straße 5");
        assertThat(EncodedPayload.fromDataUrl("data:text/plain;charset=iso-8859-1,Zo%EB")
                        .text())
                .isEqualTo("Zoë");
    }

    @Test
    void extractsThePdfOfADataUrl() throws IOException {
        Decoded decoded = EncodedPayload.fromDataUrl("data:application/pdf;base64," + b64(pdf("Title", SECRET)));

        assertThat(decoded.kind()).isEqualTo(Kind.PDF);
        assertThat(decoded.text()).contains("jane.doe@example.org");
    }

    @Test
    void readsTheHeaderOfADataUrlCaseInsensitively() {
        assertThat(EncodedPayload.fromDataUrl("DATA:TEXT/PLAIN;BASE64," + b64(SECRET)))
                .isEqualTo(new Decoded(Kind.TEXT, SECRET, "text/plain"));
    }

    @Test
    void treatsAnImageDataUrlAsBinaryUnlessItHoldsText() {
        assertThat(EncodedPayload.fromDataUrl("data:image/png;base64," + b64(png()))
                        .kind())
                .isEqualTo(Kind.BINARY);
        assertThat(EncodedPayload.fromDataUrl("data:image/jpeg;base64," + b64(SECRET))
                        .text())
                .isEqualTo(SECRET);
    }

    @Test
    void treatsADataUrlWithBrokenBase64AsBinary() {
        assertThat(EncodedPayload.fromDataUrl("data:image/png;base64,!!!"))
                .isEqualTo(new Decoded(Kind.BINARY, "", "image/png"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "https://example.org/a.png", "data:text/plain;base64", "dat:,x", " data:,x", "QUJD"})
    void returnsNullForWhatIsNotADataUrl(String value) {
        assertThat(EncodedPayload.fromDataUrl(value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "urlSafe", "unpadded", "wrapped"})
    void reencodesBase64InTheOriginalStyle(String style) {
        byte[] original = "??>>~~ jane.doe@example.org!".getBytes(UTF_8);
        String encoded = switch (style) {
            case "standard" -> Base64.getEncoder().encodeToString(original);
            case "urlSafe" -> Base64.getUrlEncoder().encodeToString(original);
            case "unpadded" -> Base64.getEncoder().withoutPadding().encodeToString(original);
            default -> Base64.getMimeEncoder(12, "\n".getBytes(UTF_8)).encodeToString(original);
        };
        String newText = "??>>~~ [EMAIL]! ✓";

        String reencoded = EncodedPayload.reencodeBase64(encoded, newText);

        assertThat(EncodedPayload.fromBase64(reencoded, "text/plain").text()).isEqualTo(newText);
        assertThat(reencoded).doesNotContain("\n");
        assertThat(reencoded.contains("-") || reencoded.contains("_")).isEqualTo(style.equals("urlSafe"));
        assertThat(reencoded.contains("+") || reencoded.contains("/")).isEqualTo(!style.equals("urlSafe"));
        assertThat(reencoded.endsWith("=")).isEqualTo(!style.equals("unpadded"));
    }

    @Test
    void reencodesABase64DataUrlKeepingItsHeader() {
        String original =
                "data:text/plain;charset=ISO-8859-1;base64," + b64("Zoë jane@example.org".getBytes(ISO_8859_1));

        String reencoded = EncodedPayload.reencodeDataUrl(original, "Zoë [EMAIL]");

        assertThat(reencoded).startsWith("data:text/plain;charset=ISO-8859-1;base64,");
        assertThat(EncodedPayload.fromDataUrl(reencoded))
                .isEqualTo(new Decoded(Kind.TEXT, "Zoë [EMAIL]", "text/plain"));
    }

    @Test
    void reencodesAPercentEncodedDataUrl() {
        String reencoded = EncodedPayload.reencodeDataUrl("data:,Hello%20jane%40example.org", "Hello [EMAIL] 100% ✓");

        assertThat(reencoded).startsWith("data:,Hello%20%5BEMAIL%5D%20100%25%20");
        assertThat(EncodedPayload.fromDataUrl(reencoded).text()).isEqualTo("Hello [EMAIL] 100% ✓");
    }

    @Test
    void switchesTheCharsetToUtf8WhenTheNewTextDoesNotFitIt() {
        String reencoded = EncodedPayload.reencodeDataUrl("data:text/csv;charset=ISO-8859-1;header=present,a%E9", "€");

        assertThat(reencoded).isEqualTo("data:text/csv;charset=UTF-8;header=present,%E2%82%AC");
        assertThat(EncodedPayload.fromDataUrl(reencoded).text()).isEqualTo("€");
    }

    @Test
    void refusesToReencodeWhatIsNotADataUrl() {
        assertThatThrownBy(() -> EncodedPayload.reencodeDataUrl("https://example.org", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] png() {
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        return concat(header, random(4000, 1));
    }

    @Test
    void aPdfWhoseStreamsDecodeToMoreThanTheBoundIsNotReadAndCostsLittleMemory() throws IOException {
        // 48 MB of spaces in one Flate content stream: a file of about 50 KB. PDFBox would decode it whole in memory.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            org.apache.pdfbox.pdmodel.common.PDStream stream = new org.apache.pdfbox.pdmodel.common.PDStream(document);
            try (java.io.OutputStream os = stream.createOutputStream(org.apache.pdfbox.cos.COSName.FLATE_DECODE)) {
                byte[] chunk = new byte[1 << 20];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int k = 0; k < 48; k++) os.write(chunk);
            }
            page.setContents(stream);
            document.save(out);
        }
        assertThat(out.size()).isLessThan(1 << 20);
        EncodedPayload.Decoded decoded =
                EncodedPayload.fromBase64(Base64.getEncoder().encodeToString(out.toByteArray()), "application/pdf");
        assertThat(decoded.kind()).isEqualTo(EncodedPayload.Kind.BINARY);
    }

    private static byte[] pdf(String title, String... pages) throws IOException {
        return pdf(title, pages, null);
    }

    private static byte[] pdf(String title, String text, StandardProtectionPolicy policy) throws IOException {
        return pdf(title, new String[] {text}, policy);
    }

    private static byte[] pdf(String title, String[] pages, StandardProtectionPolicy policy) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            if (title != null) {
                document.getDocumentInformation().setTitle(title);
            }
            if (policy != null) {
                policy.setEncryptionKeyLength(256);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static String b64(String text) {
        return b64(text.getBytes(UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
