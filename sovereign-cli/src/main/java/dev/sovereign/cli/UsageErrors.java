package dev.sovereign.cli;

import dev.sovereign.cli.audit.AuditCommand;
import dev.sovereign.cli.policy.PolicyCommand;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports usage errors. Those of the {@code audit}, {@code assess}, {@code cost}, {@code explain}, {@code policy} and {@code report} commands, often run from
 * scripts, are one line on standard error (what is wrong, and where help is) with exit code 2; other commands print
 * picocli's message followed by their usage.
 */
final class UsageErrors implements IParameterExceptionHandler {
    private final IParameterExceptionHandler standard;

    UsageErrors(IParameterExceptionHandler standard) {
        this.standard = standard;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) throws Exception {
        CommandLine command = ex.getCommandLine();
        if (!AuditCommand.contains(command.getCommandSpec())
                && !PolicyCommand.contains(command.getCommandSpec())
                && !(command.getCommandSpec().userObject() instanceof AssessCommand)
                && !(command.getCommandSpec().userObject() instanceof CostCommand)
                && !(command.getCommandSpec().qualifiedName().startsWith("sovereign report"))) {
            return standard.handleParseException(ex, args);
        }
        String name = command.getCommandSpec().qualifiedName();
        String message = ex.getMessage() == null ? "invalid arguments" : ex.getMessage();
        command.getErr()
                .println(name + ": " + message.strip().replaceAll("\\s*\\R\\s*", " ") + " (see " + name + " --help)");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
