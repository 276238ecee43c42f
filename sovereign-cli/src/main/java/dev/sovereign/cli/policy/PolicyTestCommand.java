package dev.sovereign.cli.policy;

import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.Explanation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sovereign policy test}: runs policy unit tests ({@link PolicyTestFile}) against the configured policy, or
 * a policy file given with {@code --policy}, and prints each case PASS or FAIL with what differed. Bodies are
 * classified by the same classifier as the gateway's. Exit code 0 when every case passes, 1 when one fails, 2 when
 * a test file, the configuration or the policy cannot be read.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "Run policy tests (YAML: tests with name, input and expect) against the policy. Exit code: 0"
                + " all pass, 1 a test fails, 2 error.")
final class PolicyTestCommand extends PolicyTool {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test files.")
    List<Path> files;

    @Override
    int run() throws IOException {
        // Every file is read and checked before anything runs: a broken file is an error, not a failed test.
        List<PolicyTestFile> suites = new ArrayList<>();
        for (Path f : files) suites.add(PolicyTestFile.read(f));
        PolicySource.Loaded loaded = source.load();
        Explainer explainer = loaded.explainer();
        // Every case is decided before anything is printed: a body the gateway would refuse is an error too.
        List<List<Explanation>> results = new ArrayList<>();
        for (PolicyTestFile suite : suites) {
            List<Explanation> explanations = new ArrayList<>();
            for (PolicyTestFile.Case c : suite.cases()) explanations.add(explain(explainer, c));
            results.add(explanations);
        }
        PrintWriter out = out();
        out.println("Policy " + loaded.describePolicy());
        int passed = 0;
        int failed = 0;
        for (int s = 0; s < suites.size(); s++) {
            PolicyTestFile suite = suites.get(s);
            out.println();
            out.println(suite.file());
            for (int i = 0; i < suite.cases().size(); i++) {
                PolicyTestFile.Case c = suite.cases().get(i);
                List<String> differences =
                        differences(c.expect(), results.get(s).get(i));
                if (differences.isEmpty()) {
                    passed++;
                    out.println("  PASS  " + c.name());
                } else {
                    failed++;
                    out.println("  FAIL  " + c.name() + "  (" + suite.file() + ":" + c.line() + ")");
                    for (String d : differences) out.println("          " + d);
                }
            }
        }
        out.println();
        out.println((passed + failed) + " test" + (passed + failed == 1 ? "" : "s") + ": " + passed + " passed, "
                + failed + " failed");
        return failed == 0 ? OK : FAILED;
    }

    private static Explanation explain(Explainer explainer, PolicyTestFile.Case c) {
        if (c.facts() != null) return explainer.explain(c.facts());
        try {
            return explainer.explain(c.request());
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(c.body() + ": " + e.getMessage());
        }
    }

    /** What the explanation says differently from the expectations, one line per setting, in setting order. */
    static List<String> differences(Map<String, Object> expect, Explanation e) {
        List<String> out = new ArrayList<>();
        Explanation.Outcome d = e.decision();
        expect.forEach((k, want) -> {
            Object got = switch (k) {
                case "action" -> d.action();
                case "rule" -> d.rule();
                case "route" -> d.route();
                case "provider" -> d.provider();
                case "upstream_model" -> d.upstreamModel();
                case "region" -> d.region();
                case "jurisdiction" -> d.jurisdiction();
                case "categories" -> new TreeSet<>(e.categories().keySet());
                case "guarantees_hold" -> e.broken().isEmpty();
                default -> throw new IllegalStateException("no expectation " + k);
            };
            if (!Objects.equals(want, got)) {
                String line = k + ": expected " + show(want) + ", got " + show(got);
                if (k.equals("guarantees_hold") && !e.broken().isEmpty()) {
                    line += " (broken: " + String.join(", ", e.broken()) + ")";
                }
                if (k.equals("action") && d.message() != null) line += " (" + d.message() + ")";
                out.add(line);
            }
        });
        return out;
    }

    private static String show(Object value) {
        if (value == null) return "none";
        if (value instanceof String s) return "'" + s + "'";
        return value.toString();
    }
}
