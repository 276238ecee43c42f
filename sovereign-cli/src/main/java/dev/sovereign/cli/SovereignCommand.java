package dev.sovereign.cli;

import dev.sovereign.cli.audit.AuditCommand;
import dev.sovereign.cli.policy.ExplainCommand;
import dev.sovereign.cli.policy.PolicyCommand;
import dev.sovereign.cli.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sovereign} command: one entry point for the gateway and its tools. */
@Command(
        name = "sovereign",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Sovereign AI Gateway: decide which data may reach which AI provider and jurisdiction.",
        subcommands = {
            ServeCommand.class,
            ScanCommand.class,
            ExplainCommand.class,
            PolicyCommand.class,
            IndexCommand.class,
            AssessCommand.class,
            KeysCommand.class,
            AuditCommand.class,
            ReportCommand.class,
            CostCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SovereignCommand {

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            // The tool commands print their results on standard output, which logs must not mix into: theirs go to
            // standard error, warnings only unless SOVEREIGN_LOG_LEVEL says otherwise. Set before the first logger.
            System.setProperty("sovereign.log.target", "System.err");
            System.setProperty("sovereign.log.level", "WARN");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests so both parse the same way. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SovereignCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        return cli.setParameterExceptionHandler(new UsageErrors(cli.getParameterExceptionHandler()));
    }
}
