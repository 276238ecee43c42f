package dev.sovereign.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.ExplainRequest;
import dev.sovereign.policy.RequestFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A file of policy tests: each case has a name, an input — a request body (inline, as a JSON string, or from a
 * file) or the categories a request carries — with who sends it, and what the policy must decide. Every problem is
 * reported as {@code file:line: setting: problem}.
 *
 * <pre>
 * tests:
 *   - name: health data stays on the self-hosted model
 *     input:
 *       body: {model: claude-sonnet-4-5, messages: [{role: user, content: "The patient has diabetes."}]}
 *       workload: clinic            # also: key, team, labels, api (default: told from the body)
 *     expect: {action: forward, rule: special-local, provider: local, jurisdiction: eu, guarantees_hold: true}
 *   - name: e-mail addresses are pseudonymized
 *     input:
 *       categories: {pii.email: 2}  # instead of a body; also: model, api, stream, size, workload, key, team, labels
 *     expect: {action: redact, route: claude-eu}
 * </pre>
 */
record PolicyTestFile(String file, List<Case> cases) {
    private static final Set<String> FILE_KEYS = Set.of("tests");
    private static final Set<String> CASE_KEYS = Set.of("name", "input", "expect");
    private static final Set<String> INPUT_KEYS = Set.of(
            "body", "body_file", "categories", "api", "model", "stream", "size", "workload", "key", "team", "labels");
    private static final Set<String> FACT_KEYS = Set.of("model", "stream", "size");
    static final List<String> EXPECT_KEYS = List.of(
            "action",
            "rule",
            "route",
            "provider",
            "upstream_model",
            "region",
            "jurisdiction",
            "categories",
            "guarantees_hold");
    private static final Set<String> ACTIONS = Set.of("forward", "redact", "block", "unroutable");
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");

    /**
     * One test case.
     *
     * @param line where the case starts
     * @param request a body to classify, or {@code null} when {@code facts} are given
     * @param body where the body is ({@code file:line: tests[i] (name).input.body}), for a problem found in it
     * @param facts the request's facts, stated directly, or {@code null}
     * @param expect expected values by setting name ({@link #EXPECT_KEYS}); a {@code null} value expects none
     */
    record Case(
            String name,
            int line,
            ExplainRequest request,
            String body,
            RequestFacts facts,
            Map<String, Object> expect) {}

    /**
     * Reads and checks a test file.
     *
     * @throws ToolFailure at the first problem, with the file and line
     */
    static PolicyTestFile read(Path path) throws IOException {
        String file = path.toString();
        LocatedYaml yaml = LocatedYaml.parse(file, PolicySource.read(path));
        JsonNode root = yaml.root();
        if (!root.isObject() || !root.path("tests").isArray()) {
            throw new ToolFailure(file + ": expected tests: a list of {name, input, expect}");
        }
        unknown(yaml, root, "", FILE_KEYS);
        JsonNode tests = root.get("tests");
        if (tests.isEmpty()) throw yaml.at(tests, "tests", "list at least one test");
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            cases.add(testCase(yaml, path, tests, i));
        }
        return new PolicyTestFile(file, cases);
    }

    private static Case testCase(LocatedYaml yaml, Path path, JsonNode tests, int i) throws IOException {
        JsonNode t = tests.get(i);
        String at = "tests[" + i + "]";
        if (!t.isObject()) throw yaml.at(tests, Integer.toString(i), at, "expected {name, input, expect}");
        unknown(yaml, t, at, CASE_KEYS);
        JsonNode nameNode = t.path("name");
        if (!nameNode.isTextual() || nameNode.asText().isBlank()) throw yaml.at(t, "name", at + ".name", "required");
        String name = nameNode.asText().strip();
        at = at + " (" + name + ")";
        JsonNode input = t.path("input");
        if (!input.isObject()) throw yaml.at(t, "input", at + ".input", "required: a body or categories");
        JsonNode expect = t.path("expect");
        if (!expect.isObject() || expect.isEmpty()) {
            throw yaml.at(t, "expect", at + ".expect", "required: at least one of " + EXPECT_KEYS);
        }
        unknown(yaml, input, at + ".input", INPUT_KEYS);
        unknown(yaml, expect, at + ".expect", EXPECT_KEYS);
        int bodies = (input.has("body") ? 1 : 0) + (input.has("body_file") ? 1 : 0) + (input.has("categories") ? 1 : 0);
        if (bodies != 1) {
            throw yaml.at(input, at + ".input", "give exactly one of body, body_file and categories");
        }
        String workload = text(yaml, input, "workload", at);
        String key = text(yaml, input, "key", at);
        String team = text(yaml, input, "team", at);
        Set<String> labels = labels(yaml, input, at);
        WireFormat api = null;
        if (input.has("api")) {
            String id = text(yaml, input, "api", at);
            try {
                api = WireFormat.fromId(id);
            } catch (IllegalArgumentException e) {
                throw yaml.at(input, "api", at + ".input.api", "'" + id + "' is not one of: anthropic, openai");
            }
        }
        Map<String, Object> expected = expectations(yaml, expect, at);
        int line = yaml.line(t);
        if (input.has("categories")) {
            RequestFacts facts = facts(yaml, input, at, api, workload, key, team, labels);
            return new Case(name, line, null, null, facts, expected);
        }
        for (String k : FACT_KEYS) {
            if (input.has(k)) {
                throw yaml.at(input, k, at + ".input." + k, "comes from the body; state it there");
            }
        }
        String where = at + ".input." + (input.has("body") ? "body" : "body_file");
        String text;
        if (input.has("body")) {
            JsonNode b = input.get("body");
            text = b.isTextual() ? b.asText() : b.toString();
        } else {
            String name2 = text(yaml, input, "body_file", at);
            Path bodyFile = path.toAbsolutePath().getParent().resolve(name2);
            try {
                text = PolicySource.read(bodyFile);
            } catch (IOException e) {
                throw yaml.at(input, "body_file", where, PolicyTool.describe(e));
            }
        }
        JsonNode body;
        try {
            body = RequestBodies.parse("body", text);
        } catch (ToolFailure e) {
            throw yaml.at(input, input.has("body") ? "body" : "body_file", where, e.getMessage());
        }
        if (!body.isObject()) throw yaml.at(input, "body", where, "expected a request body (a JSON object)");
        ExplainRequest request = new ExplainRequest(
                api == null ? RequestBodies.detect(body) : api,
                null,
                body,
                text.getBytes(StandardCharsets.UTF_8).length,
                key,
                team,
                workload,
                labels);
        String bodyKey = input.has("body") ? "body" : "body_file";
        String located = yaml.file() + ":" + yaml.line(input, bodyKey) + ": " + where;
        return new Case(name, line, request, located, null, expected);
    }

    /** The request stated by its categories: one finding per occurrence, each certain. */
    private static RequestFacts facts(
            LocatedYaml yaml,
            JsonNode input,
            String at,
            WireFormat api,
            String workload,
            String key,
            String team,
            Set<String> declared) {
        JsonNode categories = input.get("categories");
        String where = at + ".input.categories";
        if (!categories.isObject()) {
            throw yaml.at(input, "categories", where, "expected a map of category to count, such as {pii.email: 1}");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>(declared);
        for (Iterator<Map.Entry<String, JsonNode>> it = categories.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String c = e.getKey();
            if (!CATEGORY.matcher(c).matches()) {
                throw yaml.at(categories, c, where, "'" + c + "' is not a category name such as pii.email");
            }
            if (!e.getValue().canConvertToInt()
                    || e.getValue().asInt() < 1
                    || !e.getValue().isIntegralNumber()) {
                throw yaml.at(categories, c, where + "." + c, "expected a count of 1 or more");
            }
            int n = e.getValue().asInt();
            counts.put(c, n);
            if (c.startsWith("label.")) {
                labels.add(c.substring("label.".length()));
            } else if (!c.equals(Classifier.BINARY)) {
                for (int k = 0; k < n; k++) findings.add(new Finding(c, 0, 1, 1.0, "test"));
            }
        }
        for (String l : labels) counts.putIfAbsent("label." + l, 1);
        String model = input.has("model") ? text(yaml, input, "model", at) : UNSPECIFIED_MODEL;
        boolean stream = false;
        if (input.has("stream")) {
            if (!input.get("stream").isBoolean()) {
                throw yaml.at(input, "stream", at + ".input.stream", "expected true or false");
            }
            stream = input.get("stream").asBoolean();
        }
        long size = DEFAULT_SIZE;
        if (input.has("size")) {
            if (!input.get("size").isIntegralNumber() || input.get("size").asLong() < 0) {
                throw yaml.at(input, "size", at + ".input.size", "expected a size in bytes");
            }
            size = input.get("size").asLong();
        }
        WireFormat format = api == null ? WireFormat.OPENAI : api;
        return new RequestFacts(
                format,
                format == WireFormat.ANTHROPIC ? "messages" : "chat_completions",
                model,
                stream,
                size,
                key,
                team,
                workload,
                labels,
                counts,
                findings);
    }

    /** The model of a test stated by its categories that names none. */
    static final String UNSPECIFIED_MODEL = "unspecified-model";

    /** The size of a test stated by its categories that gives none. */
    static final long DEFAULT_SIZE = 1000;

    private static Map<String, Object> expectations(LocatedYaml yaml, JsonNode expect, String at) {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String k : EXPECT_KEYS) {
            if (!expect.has(k)) continue;
            JsonNode v = expect.get(k);
            String where = at + ".expect." + k;
            switch (k) {
                case "guarantees_hold" -> {
                    if (!v.isBoolean()) throw yaml.at(expect, k, where, "expected true or false");
                    expected.put(k, v.asBoolean());
                }
                case "categories" -> {
                    Set<String> names = new TreeSet<>();
                    if (!v.isArray()) throw yaml.at(expect, k, where, "expected a list of category names");
                    for (JsonNode c : v) {
                        if (!c.isTextual()) throw yaml.at(expect, k, where, "expected a list of category names");
                        names.add(c.asText().strip());
                    }
                    expected.put(k, names);
                }
                default -> {
                    if (v.isNull()) {
                        expected.put(k, null);
                    } else if (v.isTextual() || v.isNumber()) {
                        String s = v.asText().strip();
                        if (k.equals("action") && !ACTIONS.contains(s.toLowerCase(Locale.ROOT))) {
                            throw yaml.at(
                                    expect, k, where, "'" + s + "' is not one of: forward, redact, block, unroutable");
                        }
                        expected.put(k, k.equals("action") ? s.toLowerCase(Locale.ROOT) : s);
                    } else {
                        throw yaml.at(expect, k, where, "expected a name, or null for none");
                    }
                }
            }
        }
        return expected;
    }

    private static Set<String> labels(LocatedYaml yaml, JsonNode input, String at) {
        JsonNode v = input.path("labels");
        Set<String> labels = new LinkedHashSet<>();
        if (v.isMissingNode() || v.isNull()) return labels;
        if (v.isTextual()) {
            for (String s : v.asText().split(","))
                if (!s.isBlank()) labels.add(s.strip().toLowerCase(Locale.ROOT));
            return labels;
        }
        if (!v.isArray()) throw yaml.at(input, "labels", at + ".input.labels", "expected a list of labels");
        for (JsonNode l : v) {
            if (!l.isTextual()) throw yaml.at(input, "labels", at + ".input.labels", "expected a list of labels");
            labels.add(l.asText().strip().toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    private static String text(LocatedYaml yaml, JsonNode node, String key, String at) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().isBlank()) {
            throw yaml.at(node, key, at + ".input." + key, "expected a name");
        }
        return v.asText().strip();
    }

    private static void unknown(LocatedYaml yaml, JsonNode node, String at, java.util.Collection<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw yaml.at(
                        node,
                        k,
                        at.isEmpty() ? k : at + "." + k,
                        "unknown setting '" + k + "'; expected one of: "
                                + known.stream().sorted().toList());
            }
        }
    }
}
