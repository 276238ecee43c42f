package dev.sovereign.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
            description = {
                "Create a new random key; prints it once, with the sovereign.yaml entry that holds its hash.",
                "The limit options (--rpm, --tpm, --tokens-per-day, --usd-per-day, --usd-per-month, --concurrent)"
                        + " add the key's usage limits to the entry as limits: {...}; leave them out for none."
            })
    static final class Create implements Callable<Integer> {
        private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

        @Option(names = "--id", required = true, description = "Key id, e.g. hr-assistant-prod.")
        String id;

        @Option(names = "--team", required = true, description = "Team the key belongs to.")
        String team;

        @Option(names = "--workload", required = true, description = "Workload the key is used by.")
        String workload;

        @Option(names = "--admin", description = "The key may call the admin API and open the dashboard (admin: true).")
        boolean admin;

        @Option(
                names = "--rpm",
                paramLabel = "N",
                description = "Requests the key may send per minute (limits.requests_per_minute, >= 0; 0 refuses all).")
        Long rpm;

        @Option(
                names = "--tpm",
                paramLabel = "N",
                description = "Input plus output tokens per minute (limits.tokens_per_minute, >= 0).")
        Long tpm;

        @Option(
                names = "--tokens-per-day",
                paramLabel = "N",
                description = "Input plus output tokens per UTC day (limits.tokens_per_day, >= 0).")
        Long tokensPerDay;

        @Option(
                names = "--usd-per-day",
                paramLabel = "D",
                description = "Spend per UTC day in US dollars, at most six decimals (limits.usd_per_day, >= 0).")
        BigDecimal usdPerDay;

        @Option(
                names = "--usd-per-month",
                paramLabel = "D",
                description =
                        "Spend per calendar month in US dollars, at most six decimals (limits.usd_per_month, >= 0).")
        BigDecimal usdPerMonth;

        @Option(
                names = "--concurrent",
                paramLabel = "N",
                description = "Requests in flight at once (limits.concurrent, >= 0).")
        Long concurrent;

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
            List<String> limits = new ArrayList<>();
            String bad = count(limits, "--rpm", "requests_per_minute", rpm);
            if (bad == null) bad = count(limits, "--tpm", "tokens_per_minute", tpm);
            if (bad == null) bad = count(limits, "--tokens-per-day", "tokens_per_day", tokensPerDay);
            if (bad == null) bad = usd(limits, "--usd-per-day", "usd_per_day", usdPerDay);
            if (bad == null) bad = usd(limits, "--usd-per-month", "usd_per_month", usdPerMonth);
            if (bad == null) bad = count(limits, "--concurrent", "concurrent", concurrent);
            if (bad != null) {
                String name = spec.qualifiedName();
                spec.commandLine().getErr().println(name + ": " + bad + " (see " + name + " --help)");
                spec.commandLine().getErr().flush();
                return spec.exitCodeOnInvalidInput();
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
            if (!limits.isEmpty()) out.println("    limits: {" + String.join(", ", limits) + "}");
            out.flush();
            return 0;
        }

        /** Adds {@code setting: value} to {@code limits} when given; returns what is wrong with it, or null. */
        private static String count(List<String> limits, String option, String setting, Long value) {
            if (value == null) return null;
            if (value < 0) return option + ": " + value + " is negative; give a count of 0 or more";
            limits.add(setting + ": " + value);
            return null;
        }

        /** As {@link #count}, for dollars: at most six decimals, as the configuration counts millionths. */
        private static String usd(List<String> limits, String option, String setting, BigDecimal value) {
            if (value == null) return null;
            String shown = Math.abs(value.scale()) <= 30 ? value.toPlainString() : value.toString();
            if (value.signum() < 0) return option + ": " + shown + " is negative; give an amount of 0 or more";
            BigDecimal amount = value.stripTrailingZeros();
            if (amount.scale() > 6) {
                return option + ": " + shown + " has more than six decimals; give dollars such as 12.5 or 0.000001";
            }
            try {
                amount.multiply(MILLION).longValueExact();
            } catch (ArithmeticException e) {
                return option + ": " + shown + " is too large";
            }
            limits.add(setting + ": " + amount.toPlainString());
            return null;
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
