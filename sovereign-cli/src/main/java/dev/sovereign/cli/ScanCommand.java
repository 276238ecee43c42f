package dev.sovereign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.ClassifierConfigurationException;
import dev.sovereign.classify.Finding;
import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.StrictJson;
import dev.sovereign.classify.TextSegment;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sovereign scan}: classifies a file or standard input with the default catalogue and lists what it finds.
 * A JSON document (a request body, say) is read as the gateway reads one — strictly, every key and value at any
 * depth, encoded payloads decoded — and each finding carries the JSON pointer of where it is; anything else (or any
 * file with {@code --text}) is scanned as plain text. Values are never printed unless {@code --show-values} asks for
 * them. Exit code 0 when nothing is found, 1 when something is, 2 on error.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Find sensitive data in a file (or - for standard input). Exit code: 0 nothing found, 1 findings,"
                + " 2 error.")
public final class ScanCommand implements Callable<Integer> {
    static final int NOTHING_FOUND = 0;
    static final int FOUND = 1;
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "File to scan, or - for standard input.")
    String input;

    @Option(
            names = "--json",
            description =
                    "Print {\"findings\":[{path,form,category,start,end,confidence,detector}],\"categories\":{...}}"
                            + " (path and form for JSON input).")
    boolean json;

    @Option(
            names = "--text",
            description = "Scan the input as plain text even when it is JSON (by default a JSON object or array is read"
                    + " as the gateway reads a request body, and findings carry their JSON pointer).")
    boolean plainText;

    @Option(names = "--show-values", description = "Also print each detected value (they are hidden by default).")
    boolean showValues;

    @Option(
            names = "--min-confidence",
            paramLabel = "P",
            description = "Drop findings below this confidence (default 0.5).")
    Double minConfidence;

    @Option(
            names = "--patterns",
            paramLabel = "FILE",
            description = "Custom RE2/J patterns, one 'name: regex' per line.")
    Path patterns;

    @Option(
            names = "--phone-regions",
            paramLabel = "CC",
            split = ",",
            description = "Also look for phone numbers in the national format of these regions (ISO 3166 alpha-2,"
                    + " e.g. BR,JP), besides the EU, EEA, GB, CH, US and CA.")
    java.util.List<String> phoneRegions;

    /** Standard input; replaceable by tests. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        Classifier classifier;
        try {
            text = read();
            classifier = classifier();
        } catch (IOException e) {
            err.println("sovereign scan: cannot read " + input + ": " + e.getMessage());
            return ERROR;
        } catch (ClassifierConfigurationException e) {
            err.println("sovereign scan: " + e.getMessage());
            return ERROR;
        }
        List<Located> findings = new ArrayList<>();
        if (!plainText && looksLikeJson(text)) {
            JsonNode body;
            try {
                body = new StrictJson(1000).parse(text.getBytes(StandardCharsets.UTF_8));
            } catch (StrictJson.MalformedJsonException e) {
                err.println("sovereign scan: " + input + ": " + e.getMessage()
                        + " (the gateway refuses such a body; --text scans it as plain text)");
                return ERROR;
            }
            Classification classification;
            try {
                classification = classifier.classify(RequestText.of(body), Set.of());
            } catch (RequestText.TooManyPiecesException e) {
                err.println("sovereign scan: " + input + ": " + e.getMessage() + " (--text scans it as plain text)");
                return ERROR;
            }
            for (Classification.SegmentFindings s : classification.segments()) {
                String where = showValues
                        ? s.segment().path()
                        : classification.shownPointer(s.segment().path());
                for (Finding f : s.findings()) findings.add(new Located(s.segment(), f, where));
            }
        } else {
            for (Finding f : classifier.scan(text)) findings.add(new Located(null, f, null));
        }
        Map<String, Integer> categories = new TreeMap<>();
        findings.forEach(l -> categories.merge(l.finding().category(), 1, Integer::sum));
        if (json) {
            out.println(json(findings, categories, text));
        } else {
            table(out, findings, categories, text);
        }
        out.flush();
        return findings.isEmpty() ? NOTHING_FOUND : FOUND;
    }

    /**
     * A finding, the segment it is in and the pointer shown for it, keys that hold data written {@code *} unless
     * values are shown ({@code null} both for plain text).
     */
    private record Located(TextSegment segment, Finding finding, String where) {
        String value(String text) {
            String in = segment == null ? text : segment.text();
            return in.substring(finding.start(), finding.end());
        }
    }

    private static boolean looksLikeJson(String text) {
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private Classifier classifier() {
        if (minConfidence == null && patterns == null && phoneRegions == null) {
            return Classifier.defaults();
        }
        Classifier.Builder builder = Classifier.builder();
        if (minConfidence != null) {
            if (!(minConfidence >= 0 && minConfidence <= 1)) {
                throw new ClassifierConfigurationException(
                        "--min-confidence", 0, "must be between 0 and 1, not " + minConfidence);
            }
            builder.minConfidence(minConfidence);
        }
        if (patterns != null) {
            builder.patterns(patterns);
        }
        if (phoneRegions != null) {
            builder.phoneRegions(phoneRegions);
        }
        return builder.build();
    }

    private String read() throws IOException {
        if ("-".equals(input)) {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(input), StandardCharsets.UTF_8);
    }

    private String json(List<Located> findings, Map<String, Integer> categories, String text) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("findings");
        for (Located l : findings) {
            Finding f = l.finding();
            ObjectNode node = list.addObject();
            if (l.segment() != null) {
                node.put("path", l.where());
                node.put("form", l.segment().form().label());
            }
            node.put("category", f.category());
            node.put("start", f.start());
            node.put("end", f.end());
            node.put("confidence", f.confidence());
            node.put("detector", f.detector());
            if (showValues) {
                node.put("value", l.value(text));
            }
        }
        ObjectNode counts = root.putObject("categories");
        categories.forEach(counts::put);
        return root.toString();
    }

    private void table(PrintWriter out, List<Located> findings, Map<String, Integer> categories, String text) {
        if (findings.isEmpty()) {
            out.println("No sensitive data found.");
            return;
        }
        boolean located = findings.get(0).segment() != null;
        int width = Math.max(
                "CATEGORY".length(),
                findings.stream()
                        .mapToInt(l -> l.finding().category().length())
                        .max()
                        .orElse(0));
        String format = "%-" + width + "s  %7s  %7s  %10s  %s";
        out.println(String.format(Locale.ROOT, format, "CATEGORY", "START", "END", "CONFIDENCE", "DETECTOR")
                + (located ? "  WHERE" : "")
                + (showValues ? "  VALUE" : ""));
        for (Located l : findings) {
            Finding f = l.finding();
            String line = String.format(
                    Locale.ROOT,
                    format,
                    f.category(),
                    f.start(),
                    f.end(),
                    String.format(Locale.ROOT, "%.2f", f.confidence()),
                    f.detector());
            if (located) {
                line += "  " + l.where()
                        + (l.segment().form() == TextSegment.Form.TEXT
                                ? ""
                                : " (" + l.segment().form().label() + ")");
            }
            if (showValues) {
                line += "  " + l.value(text).replace("\n", "\\n");
            }
            out.println(line);
        }
        out.println();
        out.println(findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + ":");
        categories.forEach((category, count) -> out.println("  " + category + "  " + count));
    }
}
