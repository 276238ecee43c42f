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
