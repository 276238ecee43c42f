package dev.sovereign.cli.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sovereign audit}: the audit trail's tools. Every subcommand reads the configuration as {@code serve}
 * does ({@code --config DIR}, default {@code ./config}), so with nothing configured they work on the trail under
 * {@code ./data}.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Verify, query, export and prune the audit trail; create its signing key.",
        subcommands = {
            VerifyCommand.class,
            QueryCommand.class,
            ExportCommand.class,
            PruneCommand.class,
            KeygenCommand.class
        })
public final class AuditCommand {

    /** Whether {@code spec} is this command or one of its subcommands. */
    public static boolean contains(CommandSpec spec) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof AuditCommand) return true;
        }
        return false;
    }
}
