package dev.sovereign.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sovereign.cli.SovereignCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The examples of README.md, read from the README itself: every YAML block parses; the configuration examples
 * (sovereign.yaml, every providers.yaml example, the policy and the policy tests) load together and pass {@code
 * policy check} and {@code policy test}; the sample outputs of {@code policy check}, {@code policy test}, {@code
 * policy matrix} and {@code explain} are what those commands print for README's own examples; and every {@code
 * ./sovereign} command shown parses with the real command line, so a renamed option or command cannot stay
 * documented.
 */
public class ReadmeExamplesTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    record Block(String language, String text, int line) {}

    static List<Block> blocks() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(readme);
        while (m.find()) {
            int line = (int) readme.substring(0, m.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            blocks.add(new Block(m.group(1), m.group(2), line));
        }
        return blocks;
    }

    @Test
    void everyYamlExampleParses() throws Exception {
        List<Block> yaml =
                blocks().stream().filter(b -> b.language().equals("yaml")).toList();
        assertThat(yaml).hasSizeGreaterThan(5);
        for (Block b : yaml) {
            JsonNode tree = YAML.readTree(b.text());
            assertThat(tree.isObject())
                    .as("README.md:%d is a YAML mapping", b.line())
                    .isTrue();
        }
    }

    @Test
    void theConfigurationExamplesLoadTogetherAndPassPolicyCheckAndPolicyTest() throws Exception {
        Path tests = writeConfiguration();
        Run check = run("policy", "check", "--config", dir.toString());
        assertThat(check.exit()).as(check.err() + check.out()).isZero();
        assertThat(check.out()).contains("special-in-eu").doesNotContain("can be broken");
        // The sample output README shows under "Check the policy" is what check prints for README's own examples
        // (the time taken aside).
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher sample = Pattern.compile("(?ms)^### Check the policy$.*?^```\\n(Guarantee check:.*?)^```")
                .matcher(readme);
        assertThat(sample.find()).as("README shows policy check's output").isTrue();
        for (String line : sample.group(1).strip().split("\n")) {
            String expected = Pattern.quote(line).replaceAll("in \\d+\\.\\d+ s", "\\\\Ein \\\\d+\\\\.\\\\d+ s\\\\Q");
            assertThat(check.out()).as("README sample line: " + line).containsPattern(expected);
        }

        Run test = run("policy", "test", "--config", dir.toString(), tests.toString());
        assertThat(test.exit()).as(test.err() + test.out()).isZero();
        // README's sample under "Test the policy" is what test prints for README's own tests.
        // README runs it from the directory holding config/ and tests/.
        String out = test.out().replace(dir + "/tests/", "tests/").replace(dir + "/", "config/");
        assertShows(out, sampleAfter("(?m)^### Test the policy$", "Policy "));
    }

    @Test
    void theBrokenGuaranteesSampleIsWhatCheckPrintsForTheExamplePolicy() throws Exception {
        writeConfiguration();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher policy = Pattern.compile("(?ms)^A guarantee that can be broken.*?^```yaml\\n(.*?)^```")
                .matcher(readme);
        assertThat(policy.find())
                .as("README shows a policy whose guarantees can be broken")
                .isTrue();
        Path file = dir.resolve("new.yaml");
        Files.writeString(file, policy.group(1));
        Run check = run("policy", "check", "--config", dir.toString(), file.toString());
        assertThat(check.exit()).as(check.err() + check.out()).isEqualTo(1);
        assertShows(check.out(), sampleAfter("(?m)^A guarantee that can be broken", "2 guarantees"));
    }

    @Test
    void thePolicyMatrixSampleIsWhatMatrixPrintsForTheExamples() throws Exception {
        writeConfiguration();
        Run matrix = run("policy", "matrix", "--config", dir.toString());
        assertThat(matrix.exit()).as(matrix.err() + matrix.out()).isZero();
        String sample = sampleAfter("(?m)^### Where each kind of data goes$", "DATA ");
        assertThat(sample)
                .as("the matrix names model patterns, not sample names")
                .contains("claude-*");
        assertShows(matrix.out(), sample);
    }

    @Test
    void theExplainSampleIsWhatExplainPrintsForTheExampleRequest() throws Exception {
        writeConfiguration();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher request = Pattern.compile("(?ms)^### Explain a request$.*?^```json\\n(.*?)^```")
                .matcher(readme);
        assertThat(request.find()).as("README shows the request explained").isTrue();
        Path body = dir.resolve("request.json");
        Files.writeString(body, request.group(1).strip());
        Run explain = run("explain", "--config", dir.toString(), body.toString());
        assertThat(explain.exit()).as(explain.err() + explain.out()).isZero();
        // README's configuration directory is config/.
        String out = explain.out().replace(dir + "/", "config/");
        assertShows(out, sampleAfter("(?m)^### Explain a request$", "Request "));
    }

    @Test
    void theJsonSamplesNameOnlyFieldsTheCommandsPrint() throws Exception {
        writeConfiguration();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher request = Pattern.compile("(?ms)^### Explain a request$.*?^```json\\n(.*?)^```")
                .matcher(readme);
        assertThat(request.find()).isTrue();
        Path body = dir.resolve("request.json");
        Files.writeString(body, request.group(1).strip());
        Run explain = run("explain", "--config", dir.toString(), "--json", body.toString());
        assertThat(explain.exit()).as(explain.err()).isZero();
        assertNamesOnlyPrintedFields(
                jsonSampleAfter("(?m)^`--json` prints the same as one JSON object"), explain.out());

        Run matrix = run("policy", "matrix", "--config", dir.toString(), "--json");
        assertThat(matrix.exit()).as(matrix.err()).isZero();
        assertNamesOnlyPrintedFields(jsonSampleAfter("(?m)^`--json` prints every cell"), matrix.out());
    }

    /** The first JSON block after {@code heading}. README abridges them with {@code …}, so they are read as text. */
    public static String jsonSampleAfter(String heading) throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher h = Pattern.compile(heading).matcher(readme);
        assertThat(h.find()).as("README has " + heading).isTrue();
        Matcher block = Pattern.compile("(?ms)^```json\\n(.*?)^```").matcher(readme);
        assertThat(block.find(h.end())).isTrue();
        return block.group(1);
    }

    /** Every field name of the abridged JSON {@code sample} is a field somewhere in {@code printed}. */
    public static void assertNamesOnlyPrintedFields(String sample, String printed) throws Exception {
        Set<String> fields = new HashSet<>();
        collectFields(new ObjectMapper().readTree(printed), fields);
        Matcher name = Pattern.compile("\"([a-z_]+)\"\\s*:").matcher(sample);
        int seen = 0;
        while (name.find()) {
            seen++;
            assertThat(fields)
                    .as("README's JSON sample names a field the command prints")
                    .contains(name.group(1));
        }
        assertThat(seen).isGreaterThan(5);
    }

    private static void collectFields(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                into.add(e.getKey());
                collectFields(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectFields(n, into));
        }
    }

    /** The first output block (a fence without a language) after {@code heading} that starts with {@code start}. */
    static String sampleAfter(String heading, String start) throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher h = Pattern.compile(heading).matcher(readme);
        assertThat(h.find()).as("README has " + heading).isTrue();
        Matcher block = Pattern.compile("(?ms)^```\\n(" + Pattern.quote(start) + ".*?)^```")
                .matcher(readme);
        assertThat(block.find(h.end()))
                .as("README shows an output starting " + start)
                .isTrue();
        return block.group(1);
    }

    /**
     * Every line of README's {@code sample} is a line of {@code out}, in the same order; a line {@code …} stands for
     * any number of lines left out.
     */
    static void assertShows(String out, String sample) {
        List<String> lines = out.lines().map(String::stripTrailing).toList();
        int at = 0;
        for (String line : sample.lines().map(String::stripTrailing).toList()) {
            if (line.equals("…")) continue;
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (lines.get(i).equals(line)) {
                    found = i;
                    break;
                }
            }
            assertThat(found)
                    .as("README sample line %s%nis not printed (after line %d) by:%n%s", line, at, out)
                    .isNotNegative();
            at = found + 1;
        }
    }

    /** README's configuration examples written to {@link #dir} as one configuration; the policy tests' file. */
    private Path writeConfiguration() throws Exception {
        ObjectNode sovereign = YAML.createObjectNode();
        ArrayNode providers = YAML.createArrayNode();
        Set<String> providerIds = new HashSet<>();
        String policy = null;
        String policyTests = null;
        for (Block b : blocks()) {
            if (!b.language().equals("yaml")) continue;
            JsonNode tree = YAML.readTree(b.text());
            if (tree.has("providers")) {
                // The providers.yaml examples are alternatives shown one by one; together they are one file, the
                // first example of an id standing for it.
                for (JsonNode p : tree.get("providers")) {
                    if (providerIds.add(p.path("id").asText())) providers.add(p);
                }
            } else if (tree.has("rules") && policy == null) {
                policy = b.text(); // the Policy section's; later ones illustrate other sections
            } else if (tree.has("tests") && policyTests == null) {
                policyTests = b.text();
            } else if (tree.has("listen")) {
                sovereign.setAll((ObjectNode) tree);
            }
        }
        assertThat(policy).as("README shows a policy").isNotNull();
        assertThat(policyTests).as("README shows policy tests").isNotNull();
        assertThat(providerIds).contains("local", "bedrock-eu", "claude-vertex-eu", "mistral-eu");
        // README abbreviates key hashes (`3f1c…`, as a reader copies them from `keys create`): fill in whole ones.
        for (JsonNode k : sovereign.path("keys")) {
            assertThat(k.path("sha256").asText()).as("an abbreviated hash").endsWith("…");
            ((ObjectNode) k).put("sha256", sha256(k.path("id").asText()));
        }
        // The time-stamping authority's certificate is the reader's own file: stand in a real one.
        JsonNode timestamp = sovereign.path("audit").path("timestamp");
        assertThat(timestamp.path("url").asText())
                .as("README shows audit.timestamp")
                .startsWith("https://");
        try (dev.sovereign.testing.LocalTsa tsa = dev.sovereign.testing.LocalTsa.start("Readme")) {
            ((ObjectNode) timestamp)
                    .put("trust", tsa.writeTrust(dir.resolve("tsa.pem")).toString());
        }
        Files.writeString(dir.resolve("sovereign.yaml"), YAML.writeValueAsString(sovereign));
        Files.writeString(
                dir.resolve("providers.yaml"),
                YAML.writeValueAsString(YAML.createObjectNode().set("providers", providers)));
        Files.writeString(dir.resolve("policy.yaml"), policy);
        Path tests = Files.createDirectories(dir.resolve("tests")).resolve("policy_test.yaml");
        Files.writeString(tests, policyTests);
        return tests;
    }

    @Test
    void everySovereignCommandShownParses() throws Exception {
        List<String> commands = new ArrayList<>();
        for (Block b : blocks()) {
            if (!b.language().equals("bash") && !b.language().equals("sh")) continue;
            for (String line : b.text().split("\n")) {
                String t = line.strip();
                if (t.startsWith("./sovereign ")) commands.add(t);
            }
        }
        assertThat(commands).hasSizeGreaterThan(20);
        for (String command : commands) {
            List<String> args = words(command);
            args.remove(0);
            CommandLine cli = SovereignCommand.commandLine();
            try {
                cli.parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                // A missing directory named by --config is checked at parse time; README's own --config paths are
                // examples, every other parameter problem is a documentation error.
                assertThat(e.getMessage()).as(command).contains("no such directory");
            }
        }
    }

    /** The words of a shell command line up to a comment or a redirection; quotes removed. */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else if ((c == '#' || c == '>' || c == '<' || c == '|') && !inWord) {
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        return words;
    }

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SovereignCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
