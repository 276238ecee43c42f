package dev.sovereign.classify.internal;

import java.io.IOException;
import java.io.Writer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text a PDF shows, followed by the title, author, subject and keywords of its document information (they leave
 * the gateway with the file). The file may be hostile, so reading is bounded: scratch memory, pages read and characters
 * kept. What lies past the bounds is not returned. Stateless and thread-safe.
 */
final class PdfText {
    static final int MAX_PAGES = 200;
    static final int MAX_CHARS = 2_000_000;
    static final long MAX_MEMORY = 64L * 1024 * 1024;

    private PdfText() {}

    /** The text of {@code pdf}, or null when it cannot be parsed or is encrypted with a non-empty password. */
    static String extract(byte[] pdf) {
        return extract(pdf, MAX_PAGES, MAX_CHARS);
    }

    static String extract(byte[] pdf, int maxPages, int maxChars) {
        // RandomAccessReadBuffer wraps the array without copying it; the scratch memory for rewritten streams is
        // capped.
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBuffer(pdf), MemoryUsageSetting.setupMainMemoryOnly(MAX_MEMORY).streamCache)) {
            // The lenient parser can "recover" a document from a header and noise; with no page it is not a PDF we
            // read, and the caller judges the bytes as they are.
            if (document.getNumberOfPages() == 0) {
                return null;
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            stripper.setEndPage(maxPages);
            Capped out = new Capped(maxChars);
            try {
                stripper.writeText(document, out);
            } catch (Capped.Full full) {
                // The text up to the bound is what gets classified.
            }
            StringBuilder text = out.text;
            PDDocumentInformation info = document.getDocumentInformation();
            for (String field :
                    new String[] {info.getTitle(), info.getAuthor(), info.getSubject(), info.getKeywords()}) {
                if (field != null && !field.isBlank()) {
                    text.append('\n').append(field);
                }
            }
            return text.toString();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // PDFBox reports broken files with unchecked exceptions too, and deeply nested objects recurse its parser.
            return null;
        }
    }

    /** Keeps the first {@code max} chars, then stops the stripper: it would otherwise go on reading every page. */
    private static final class Capped extends Writer {
        final StringBuilder text = new StringBuilder();
        private final int max;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            int room = max - text.length();
            text.append(chars, off, Math.min(len, room));
            if (len > room) {
                full();
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            int room = max - text.length();
            text.append(s, off, off + Math.min(len, room));
            if (len > room) {
                full();
            }
        }

        private void full() throws Full {
            if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
                text.setLength(text.length() - 1);
            }
            throw new Full();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;
        }
    }
}
