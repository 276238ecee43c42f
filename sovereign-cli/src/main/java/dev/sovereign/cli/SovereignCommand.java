package dev.sovereign.cli;

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
            IndexCommand.class,
            KeysCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SovereignCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests so both parse the same way. */
    public static CommandLine commandLine() {
        return new CommandLine(new SovereignCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
