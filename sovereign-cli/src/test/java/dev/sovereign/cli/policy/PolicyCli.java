package dev.sovereign.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.cli.SovereignCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code sovereign explain} and {@code sovereign policy …} in-process through picocli, as the launcher does,
 * against a configuration directory with real providers, sovereignty profiles and a real policy, in an environment
 * where no provider credential is set.
 */
final class PolicyCli {
    static final String PROVIDERS = """
            providers:
              - id: anthropic
                kind: anthropic
                endpoint: https://api.anthropic.com
                api_key_env: SOVEREIGN_TEST_ANTHROPIC_KEY
                region: us
                profile: anthropic
                models:
                  - pattern: claude-*
              - id: bedrock-eu
                kind: openai-compatible
                endpoint: https://bedrock.example/v1
                region: eu-central-1
                profile: claude-bedrock-eu
                models:
                  - pattern: eu.claude-*
              - id: mistral-eu
                kind: openai-compatible
                endpoint: https://api.eu.mistral.ai/v1
                api_key_env: SOVEREIGN_TEST_MISTRAL_KEY
                region: eu
                profile: mistral
                models:
                  - pattern: mistral-*
              - id: local
                kind: openai-compatible
                endpoint: http://gpu-box:11434/v1
                region: local
                profile: self-hosted-open-weights
                models:
                  - pattern: llama*
            """;

    static final String POLICY = """
            routes:
              self-hosted: {provider: local, model: llama3.1-70b}
              eu-mistral: {provider: mistral-eu, model: mistral-large-latest}
              claude-eu: {provider: bedrock-eu, model: eu.claude-sonnet-4-5}
            rules:
              - id: secrets-block
                when: categories.exists(c, c.startsWith('secret.'))
                action: block
                message: Secrets may not be sent to an AI model.
              - id: special-self-hosted
                when: categories.exists(c, c.startsWith('special.')) || workload == 'hr-assistant'
                action: forward
                route: self-hosted
              - id: confidential-eu
                when: "'confidential' in labels"
                action: forward
                route: eu-mistral
              - id: pii-pseudonymized
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*]
                route: claude-eu
              - id: by-model
                action: forward
            guarantees:
              - id: secrets-never-leave
                categories: [secret.*]
                allow: none
              - id: special-in-eu
                description: Health and other special-category data stay under EU jurisdiction.
                categories: [special.*]
                allow: {jurisdictions: [eu]}
              - id: hr-self-hosted
                workloads: [hr-assistant]
                allow: {routes: [self-hosted]}
            """;

    private final Path dir;
    private String stdin = "";

    PolicyCli(Path dir) {
        this.dir = dir;
    }

    /** A configuration directory with {@link #PROVIDERS} and {@link #POLICY}. */
    static PolicyCli configured(Path dir) {
        return new PolicyCli(dir).file("config/providers.yaml", PROVIDERS).file("config/policy.yaml", POLICY);
    }

    PolicyCli file(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    String config() {
        return dir.resolve("config").toString();
    }

    PolicyCli stdin(String text) {
        stdin = text;
        return this;
    }

    record Run(int exit, String out, String err) {
        Run succeeded() {
            assertThat(exit).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
            assertThat(err).isEmpty();
            return this;
        }

        /** A failure reported as the commands promise: one line, no stack trace, nothing on standard output. */
        Run failedInOneLine() {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(2);
            assertThat(err.strip()).as("standard error").doesNotContain("\n").isNotEmpty();
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(out).as("standard output").isEmpty();
            return this;
        }
    }

    /** Runs {@code sovereign args…}. */
    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SovereignCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Map<String, String> env = Map.of();
        ExplainCommand explain = cli.getSubcommands().get("explain").getCommand();
        explain.source.env = env;
        explain.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        for (CommandLine sub :
                cli.getSubcommands().get("policy").getSubcommands().values()) {
            PolicyTool tool = sub.getCommand();
            tool.source.env = env;
        }
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
