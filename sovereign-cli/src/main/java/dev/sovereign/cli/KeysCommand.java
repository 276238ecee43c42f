package dev.sovereign.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sovereign keys}: make client keys; the configuration holds only their hashes. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Create and hash client API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.Hash.class})
final class KeysCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a new random key; prints it once, with the sovereign.yaml entry that holds its hash.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--id", required = true, description = "Key id, e.g. hr-assistant-prod.")
        String id;

        @Option(names = "--team", required = true, description = "Team the key belongs to.")
        String team;

        @Option(names = "--workload", required = true, description = "Workload the key is used by.")
        String workload;

        @Option(names = "--admin", description = "The key may call the admin API and open the dashboard (admin: true).")
        boolean admin;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!ConfigLoader.validId(id)) {
                throw new ParameterException(
                        spec.commandLine(), "--id: '" + id + "' is not a key id: " + ConfigLoader.ID_RULE);
            }
            for (String[] named : new String[][] {{"--team", team}, {"--workload", workload}}) {
                if (named[1].isBlank() || named[1].chars().anyMatch(Character::isISOControl)) {
                    throw new ParameterException(
                            spec.commandLine(), named[0] + ": must not be empty or hold control characters");
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = "sk-sov-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            PrintWriter out = spec.commandLine().getOut();
            out.println("key (shown once, give it to the client): " + key);
            out.println();
            out.println("add to sovereign.yaml under keys:");
            out.println("  - id: " + id);
            out.println("    sha256: " + KeyAuthenticator.sha256(key));
            out.println("    team: " + yamlScalar(team));
            out.println("    workload: " + yamlScalar(workload));
            if (admin) out.println("    admin: true");
            out.flush();
            return 0;
        }
    }

    /** {@code value} as a YAML scalar: plain when that reads back the same, else a JSON string (valid YAML). */
    static String yamlScalar(String value) {
        if (value.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) return value;
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(
            name = "hash",
            mixinStandardHelpOptions = true,
            description = "Print the SHA-256 of an existing key read from standard input.")
    static final class Hash implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            String key = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (key.isEmpty()) {
                spec.commandLine().getErr().println("sovereign keys hash: no key on standard input");
                return 2;
            }
            spec.commandLine().getOut().println(KeyAuthenticator.sha256(key));
            return 0;
        }
    }
}
