package dev.sovereign.cli.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sovereign policy}: the policy's tools. Each reads the configuration as {@code serve} does ({@code --config
 * DIR}, default {@code ./config}) and its {@code policy.yaml}, or another policy file ({@code --policy FILE}).
 */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Test the policy, tabulate where each kind of data goes, and check its guarantees.",
        subcommands = {PolicyTestCommand.class, PolicyMatrixCommand.class, PolicyCheckCommand.class})
public final class PolicyCommand {

    /** Whether {@code spec} is one of the policy commands ({@code explain} and {@code policy …}). */
    public static boolean contains(CommandSpec spec) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof PolicyCommand || s.userObject() instanceof ExplainCommand) return true;
        }
        return false;
    }
}
