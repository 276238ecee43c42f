package dev.sovereign.classify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text a PDF shows, followed by the title, author, subject and keywords of its document information (they leave
 * the gateway with the file). The file may be hostile, so reading is bounded: scratch memory, pages read and characters
 * kept, and the decoded size of its streams, checked before any text is read (a few kilobytes of compressed spaces
 * can decode to gigabytes). What lies past the bounds is not returned. Stateless and thread-safe.
 */
final class PdfText {
    static final int MAX_PAGES = 200;
    static final int MAX_CHARS = 2_000_000;
    static final long MAX_MEMORY = 64L * 1024 * 1024;
    static final long MAX_DECODED = 32L * 1024 * 1024;

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
            if (document.getNumberOfPages() == 0 || !withinDecodedBound(document)) {
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

    /**
     * Whether every stream the text could come from (all but images) decodes to at most {@link #MAX_DECODED} bytes in
     * all. A file of a megabyte can hold a compressed stream of gigabytes of spaces, and PDFBox decodes a stream whole,
     * in memory, before its text is read: such a file is not read (the caller then judges it as the bytes it is).
     * Streams are measured without PDFBox decoding them: a stream compressed with Flate alone (nearly all of them) is
     * inflated by the JDK's {@link InflaterInputStream} and counted, never kept, stopping at the bound; a stream with
     * other filters counts as the most its raw bytes can expand to through them.
     */
    static boolean withinDecodedBound(PDDocument document) throws IOException {
        long budget = MAX_DECODED;
        byte[] sink = new byte[8192];
        for (var key : document.getDocument().getXrefTable().keySet()) {
            COSObject object = document.getDocument().getObjectFromPool(key);
            if (!(object.getObject() instanceof COSStream stream)) continue;
            if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) continue;
            List<COSName> filters = filters(stream.getFilters());
            if (filters.size() == 1 && COSName.FLATE_DECODE.equals(filters.get(0))) {
                try (InputStream in = new InflaterInputStream(stream.createRawInputStream())) {
                    int n;
                    while ((n = in.read(sink)) > 0) {
                        budget -= n;
                        if (budget < 0) return false;
                    }
                } catch (java.util.zip.ZipException e) {
                    return false; // not Flate after all: PDFBox would decode it as best it can, at unknown cost
                }
            } else {
                long size = stream.getLength();
                for (COSName filter : filters) size = expand(size, filter);
                budget -= size;
                if (budget < 0) return false;
            }
        }
        return true;
    }

    /** The most {@code size} bytes can decode to through {@code filter}. */
    private static long expand(long size, COSName filter) {
        long factor;
        if (COSName.FLATE_DECODE.equals(filter) || COSName.FLATE_DECODE_ABBREVIATION.equals(filter)) {
            factor = 1032; // deflate's largest ratio
        } else if (COSName.LZW_DECODE.equals(filter) || COSName.LZW_DECODE_ABBREVIATION.equals(filter)) {
            factor = 4096; // a 12-bit code stands for at most a 4,096-byte string
        } else if (COSName.RUN_LENGTH_DECODE.equals(filter) || COSName.RUN_LENGTH_DECODE_ABBREVIATION.equals(filter)) {
            factor = 128;
        } else {
            factor = 1; // ASCIIHex and ASCII85 shrink; image codecs are not read for text
        }
        return size > Long.MAX_VALUE / factor ? Long.MAX_VALUE : size * factor;
    }

    private static List<COSName> filters(COSBase filters) {
        if (filters instanceof COSName name) return List.of(name);
        if (filters instanceof COSArray array) {
            List<COSName> names = new ArrayList<>(array.size());
            for (int k = 0; k < array.size(); k++) {
                if (array.getObject(k) instanceof COSName name) names.add(name);
            }
            return names;
        }
        return List.of();
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
