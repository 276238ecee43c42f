package dev.sovereign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.ClassifierConfigurationException;
import dev.sovereign.classify.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sovereign scan}: classifies a file or standard input with the default catalogue and lists what it finds.
 * Values are never printed unless {@code --show-values} asks for them. Exit code 0 when nothing is found, 1 when
 * something is, 2 on error.
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
            description = "Print {\"findings\":[{category,start,end,confidence,detector}],\"categories\":{...}}.")
    boolean json;

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
        List<Finding> findings = classifier.scan(text);
        Map<String, Integer> categories = new TreeMap<>();
        findings.forEach(f -> categories.merge(f.category(), 1, Integer::sum));
        if (json) {
            out.println(json(findings, categories, text));
        } else {
            table(out, findings, categories, text);
        }
        out.flush();
        return findings.isEmpty() ? NOTHING_FOUND : FOUND;
    }

    private Classifier classifier() {
        if (minConfidence == null && patterns == null) {
            return Classifier.defaults();
        }
        Classifier.Builder builder = Classifier.builder();
        if (minConfidence != null) {
            builder.minConfidence(minConfidence);
        }
        if (patterns != null) {
            builder.patterns(patterns);
        }
        return builder.build();
    }

    private String read() throws IOException {
        if ("-".equals(input)) {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(input), StandardCharsets.UTF_8);
    }

    private String json(List<Finding> findings, Map<String, Integer> categories, String text) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode node = list.addObject();
            node.put("category", f.category());
            node.put("start", f.start());
            node.put("end", f.end());
            node.put("confidence", f.confidence());
            node.put("detector", f.detector());
            if (showValues) {
                node.put("value", text.substring(f.start(), f.end()));
            }
        }
        ObjectNode counts = root.putObject("categories");
        categories.forEach(counts::put);
        return root.toString();
    }

    private void table(PrintWriter out, List<Finding> findings, Map<String, Integer> categories, String text) {
        if (findings.isEmpty()) {
            out.println("No sensitive data found.");
            return;
        }
        int width = Math.max(
                "CATEGORY".length(),
                findings.stream().mapToInt(f -> f.category().length()).max().orElse(0));
        String format = "%-" + width + "s  %7s  %7s  %10s  %s";
        out.println(String.format(Locale.ROOT, format, "CATEGORY", "START", "END", "CONFIDENCE", "DETECTOR")
                + (showValues ? "  VALUE" : ""));
        for (Finding f : findings) {
            String line = String.format(
                    Locale.ROOT,
                    format,
                    f.category(),
                    f.start(),
                    f.end(),
                    String.format(Locale.ROOT, "%.2f", f.confidence()),
                    f.detector());
            if (showValues) {
                line += "  " + text.substring(f.start(), f.end()).replace("\n", "\\n");
            }
            out.println(line);
        }
        out.println();
        out.println(findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + ":");
        categories.forEach((category, count) -> out.println("  " + category + "  " + count));
    }
}
