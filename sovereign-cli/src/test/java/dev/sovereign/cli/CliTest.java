package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.ingress.KeyAuthenticator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, parsed and run as a user would type it. */
class CliTest {
    @TempDir
    Path dir;

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

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("serve").contains("keys");
    }

    @Test
    void serveRefusesABrokenConfigurationWithExitCode2AndAPreciseMessage() throws IOException {
        Files.writeString(dir.resolve("sovereign.yaml"), "listen:\n  prot: 80\n");
        Run r = run("serve", "--config", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("invalid configuration")
                .contains("sovereign.yaml:2")
                .contains("unknown setting 'prot'");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void serveRefusesAPublicAddressWithoutClientKeys() {
        Run r = run("serve", "--config", dir.toString(), "--host", "0.0.0.0", "--port", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to listen on 0.0.0.0 without client keys");
    }

    @Test
    void aConfigDirectoryThatIsNotThereIsRefusedInsteadOfServingTheDefaults() throws IOException {
        Run serve = run("serve", "--config", dir.resolve("confg").toString(), "--port", "0");
        assertThat(serve.exit()).isEqualTo(2);
        assertThat(serve.err())
                .contains("--config " + dir.resolve("confg") + ": no such directory")
                .doesNotContain("listening");

        Run check = run("policy", "check", "--config", dir.resolve("confg").toString());
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err())
                .startsWith("sovereign policy check: --config " + dir.resolve("confg") + ": no such directory");

        Files.writeString(dir.resolve("policy.yaml"), "rules: []\n");
        Run file = run("policy", "check", "--config", dir.resolve("policy.yaml").toString());
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.err()).contains(": is a file; name the directory that holds");
    }

    @Test
    void keysCreateRefusesAnIdTheConfigurationWouldRefuseAndQuotesFreeTextTeams() throws Exception {
        Run bad = run("keys", "create", "--id", "bad id!", "--team", "hr", "--workload", "hr-assistant");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--id: 'bad id!' is not a key id: lower-case letters, digits");
        assertThat(bad.out()).doesNotContain("sk-sov-");

        Run quoted = run("keys", "create", "--id", "hr-2", "--team", "HR: Payroll", "--workload", "hr-assistant");
        assertThat(quoted.exit()).isZero();
        assertThat(quoted.out()).contains("    team: \"HR: Payroll\"\n").contains("    workload: hr-assistant\n");
        String entry = quoted.out().substring(quoted.out().indexOf("  - id: "));
        Files.writeString(dir.resolve("sovereign.yaml"), "keys:\n" + entry);
        var config = new dev.sovereign.config.ConfigLoader(java.util.Map.of()).load(dir);
        assertThat(config.keys().get(0).team()).isEqualTo("HR: Payroll");
        assertThat(config.keys().get(0).id()).isEqualTo("hr-2");
    }

    @Test
    void keysCreateWritesTheLimitsGivenAsOneLineTheConfigurationLoads() throws Exception {
        Run r = run(
                "keys",
                "create",
                "--id",
                "hr-prod",
                "--team",
                "hr",
                "--workload",
                "hr-assistant",
                "--admin",
                "--usd-per-month",
                "500.00",
                "--concurrent",
                "32",
                "--rpm",
                "600",
                "--tokens-per-day",
                "2000000",
                "--usd-per-day",
                "12.500000",
                "--tpm",
                "100000");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("    workload: hr-assistant\n    admin: true\n    limits: {requests_per_minute: 600,"
                        + " tokens_per_minute: 100000, tokens_per_day: 2000000, usd_per_day: 12.5,"
                        + " usd_per_month: 500, concurrent: 32}\n")
                .endsWith("}\n");
        String entry = r.out().substring(r.out().indexOf("  - id: "));
        Files.writeString(dir.resolve("sovereign.yaml"), "keys:\n" + entry);
        var config = new dev.sovereign.config.ConfigLoader(java.util.Map.of()).load(dir);
        var limits = config.keys().get(0).limits();
        assertThat(limits.requestsPerMinute()).isEqualTo(600);
        assertThat(limits.tokensPerMinute()).isEqualTo(100_000);
        assertThat(limits.tokensPerDay()).isEqualTo(2_000_000);
        assertThat(limits.microUsdPerDay()).isEqualTo(12_500_000);
        assertThat(limits.microUsdPerMonth()).isEqualTo(500_000_000);
        assertThat(limits.concurrent()).isEqualTo(32);
        assertThat(config.keys().get(0).admin()).isTrue();

        Run some = run(
                "keys",
                "create",
                "--id",
                "hr-2",
                "--team",
                "hr",
                "--workload",
                "hr-assistant",
                "--usd-per-day",
                "0.000001",
                "--rpm",
                "0");
        assertThat(some.exit()).isZero();
        assertThat(some.out())
                .endsWith("    workload: hr-assistant\n    limits: {requests_per_minute: 0, usd_per_day: 0.000001}\n");
    }

    @Test
    void keysCreateRefusesANegativeLimitOrDollarsFinerThanAMillionthOnOneLine() {
        Run negative =
                run("keys", "create", "--id", "hr-prod", "--team", "hr", "--workload", "hr-assistant", "--rpm", "-1");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.out()).isEmpty();
        assertThat(negative.err().lines()).hasSize(1);
        assertThat(negative.err()).startsWith("sovereign keys create: --rpm: -1 is negative");

        Run fine = run(
                "keys",
                "create",
                "--id",
                "hr-prod",
                "--team",
                "hr",
                "--workload",
                "hr-assistant",
                "--usd-per-day",
                "0.0000001");
        assertThat(fine.exit()).isEqualTo(2);
        assertThat(fine.out()).isEmpty();
        assertThat(fine.err().lines()).hasSize(1);
        assertThat(fine.err()).startsWith("sovereign keys create: --usd-per-day: 0.0000001 has more than six decimals");

        Run month = run(
                "keys",
                "create",
                "--id",
                "hr-prod",
                "--team",
                "hr",
                "--workload",
                "hr-assistant",
                "--usd-per-month",
                "-0.5");
        assertThat(month.exit()).isEqualTo(2);
        assertThat(month.err().lines()).hasSize(1);
        assertThat(month.err()).contains("--usd-per-month: -0.5 is negative");
    }

    @Test
    void keysCreateWithoutLimitOptionsPrintsNoLimits() {
        Run r = run("keys", "create", "--id", "hr-prod", "--team", "hr", "--workload", "hr-assistant");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain("limits").endsWith("    workload: hr-assistant\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("serve", "--prot", "80");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--prot'").contains("Usage: sovereign serve");
    }

    @Test
    void keysCreatePrintsAKeyAndTheHashThatAuthenticatesIt() {
        Run r = run("keys", "create", "--id", "hr-prod", "--team", "hr", "--workload", "hr-assistant");
        assertThat(r.exit()).isZero();
        Matcher key = Pattern.compile("(sk-sov-[A-Za-z0-9_-]{43})").matcher(r.out());
        assertThat(key.find()).isTrue();
        Matcher hash = Pattern.compile("sha256: ([0-9a-f]{64})").matcher(r.out());
        assertThat(hash.find()).isTrue();
        assertThat(hash.group(1)).isEqualTo(KeyAuthenticator.sha256(key.group(1)));
        assertThat(r.out())
                .contains("team: hr")
                .contains("workload: hr-assistant")
                .doesNotContain("admin:");
        Run admin = run("keys", "create", "--id", "dpo", "--team", "privacy", "--workload", "audit", "--admin");
        assertThat(admin.exit()).isZero();
        assertThat(admin.out()).contains("    workload: audit\n    admin: true");
    }
}
