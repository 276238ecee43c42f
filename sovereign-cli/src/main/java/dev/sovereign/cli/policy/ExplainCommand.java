package dev.sovereign.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.ExplainRequest;
import dev.sovereign.policy.Explanation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sovereign explain}: what the gateway would do with a request body, without sending it anywhere — the data
 * found (categories, where, never the values), the rule, where it would go and under whose law, and each
 * guarantee. Exit code 0; 2 when the body or the configuration cannot be read.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Explain what the gateway would do with a request body (Anthropic or OpenAI JSON) without"
                + " forwarding it. Exit code: 0, or 2 on bad input.")
public final class ExplainCommand extends PolicyTool {
    public enum Api {
        ANTHROPIC,
        OPENAI
    }

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The request body (JSON), or - for standard input.")
    String input;

    @Option(
            names = "--api",
            paramLabel = "anthropic|openai",
            description = "The API the body is written for (default: told from the body).")
    Api api;

    @Option(names = "--workload", paramLabel = "W", description = "The workload of the client key.")
    String workload;

    @Option(names = "--key", paramLabel = "K", description = "The client key's id.")
    String key;

    @Option(names = "--team", paramLabel = "T", description = "The client key's team.")
    String team;

    @Option(
            names = "--label",
            paramLabel = "L",
            split = ",",
            description = "A label the request declares (x-sovereign-labels); repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--json", description = "Print the explanation as JSON (its shape is in the README).")
    boolean json;

    /** Standard input; replaceable by tests. */
    InputStream stdin = System.in;

    @Override
    int run() throws IOException {
        String where = "-".equals(input) ? "standard input" : input;
        String text = "-".equals(input)
                ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                : PolicySource.read(Path.of(input));
        JsonNode body = RequestBodies.parse(where, text);
        WireFormat format = api == null
                ? RequestBodies.detect(body)
                : WireFormat.fromId(api.name().toLowerCase(Locale.ROOT));
        PolicySource.Loaded loaded = source.load();
        ExplainRequest request = new ExplainRequest(
                format,
                null,
                body,
                text.getBytes(StandardCharsets.UTF_8).length,
                key,
                team,
                workload,
                new LinkedHashSet<>(labels));
        Explanation e;
        try {
            e = loaded.explainer().explain(request);
        } catch (IllegalArgumentException bad) {
            throw new ToolFailure(where + ": " + bad.getMessage());
        }
        if (json) {
            out().println(e.toJson());
        } else {
            print(out(), e, loaded);
        }
        return OK;
    }

    static void print(PrintWriter out, Explanation e, PolicySource.Loaded loaded) {
        Explanation.Request r = e.request();
        out.println("Request    " + r.api() + " " + r.operation() + ", model " + r.model()
                + (r.stream() ? ", streaming" : "") + ", " + r.sizeBytes() + " bytes");
        Explanation.Subject s = e.subject();
        out.println("Sender     workload " + orNone(s.workload()) + ", key " + orNone(s.key()) + ", team "
                + orNone(s.team()) + ", labels " + (s.labels().isEmpty() ? "none" : String.join(", ", s.labels())));
        out.println("Policy     " + loaded.describePolicy());
        out.println();
        if (e.categories().isEmpty()) {
            out.println("Found      no sensitive data");
        } else {
            out.println("Found (values are never shown)");
            Table found = new Table("CATEGORY", "COUNT");
            e.categories().forEach((c, n) -> found.row(c, Integer.toString(n)));
            found.print(out, "  ");
            if (!e.findings().isEmpty()) {
                out.println();
                Table where = new Table("SEGMENT", "CATEGORY", "START", "END", "CONFIDENCE", "DETECTOR");
                for (Explanation.FoundAt f : e.findings()) {
                    where.row(
                            f.form() == null || f.form().equals("value")
                                    ? f.segment()
                                    : f.segment() + " (" + f.form() + ")",
                            f.category(),
                            Integer.toString(f.start()),
                            Integer.toString(f.end()),
                            String.format(Locale.ROOT, "%.2f", f.confidence()),
                            f.detector());
                }
                where.print(out, "  ");
            }
        }
        out.println();
        Explanation.Outcome d = e.decision();
        out.println("Decision");
        Table decision = Table.plain(2);
        decision.row("action", d.action());
        decision.row("rule", d.rule());
        if (d.message() != null) decision.row("message", d.message());
        if (d.forwards()) {
            decision.row("route", d.route() == null ? "none (the provider that serves the model)" : d.route());
            decision.row("provider", d.provider());
            decision.row("model", d.upstreamModel());
            decision.row("region", orNone(d.region()));
            decision.row("jurisdiction", d.jurisdiction());
            if (d.redaction() != null) {
                decision.row(
                        "redaction",
                        d.redaction().mode() + " "
                                + String.join(", ", d.redaction().categories()));
            }
            decision.row("reaching", d.reaching().isEmpty() ? "no sensitive data" : String.join(", ", d.reaching()));
        }
        decision.print(out, "  ");
        if (!e.guarantees().isEmpty()) {
            out.println();
            out.println("Guarantees");
            Table guarantees = new Table("HELD", "GUARANTEE", "DESCRIPTION");
            for (Explanation.GuaranteeCheck g : e.guarantees()) {
                guarantees.row(g.held() ? "yes" : "NO", g.id(), g.description().equals(g.id()) ? "" : g.description());
            }
            guarantees.print(out, "  ");
        }
        out.println();
        out.println(verdict(e));
    }

    private static String verdict(Explanation e) {
        Explanation.Outcome d = e.decision();
        if (e.wouldForward()) {
            return "Would be " + (d.redaction() == null ? "forwarded" : "redacted, then forwarded") + " to "
                    + d.provider() + " (" + d.jurisdiction() + ").";
        }
        if (d.forwards()) {
            return "Would be refused: the decision breaks guarantee " + String.join(", ", e.broken()) + ".";
        }
        return "Would be refused (" + d.action() + ").";
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? "none" : s;
    }
}
