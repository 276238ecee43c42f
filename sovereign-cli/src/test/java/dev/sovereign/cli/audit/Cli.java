package dev.sovereign.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.cli.SovereignCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code sovereign …} in-process through picocli, as the launcher does, with a fixed clock and environment. */
final class Cli {
    private Clock clock = Clock.fixed(Trail.T0.plusSeconds(86_400), ZoneOffset.UTC);
    private Map<String, String> env = Map.of();

    record Run(int exit, String out, String err) {
        /** A failure reported as the commands promise: one line, no stack trace, nothing on standard output. */
        Run failedInOneLine() {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(2);
            assertThat(err.strip()).as("standard error").doesNotContain("\n").isNotEmpty();
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(out).as("standard output").isEmpty();
            return this;
        }
    }

    Cli at(Instant now) {
        clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    Cli env(Map<String, String> env) {
        this.env = env;
        return this;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SovereignCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        for (CommandLine sub :
                cli.getSubcommands().get("audit").getSubcommands().values()) {
            AuditSubcommand command = sub.getCommand();
            command.clock = clock;
            command.env = env;
        }
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
