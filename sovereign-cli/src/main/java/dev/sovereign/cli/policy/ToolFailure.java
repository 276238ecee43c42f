package dev.sovereign.cli.policy;

/**
 * A reason a policy command cannot go on (a bad argument, an unreadable or malformed file), said in one line. The
 * command prints it and exits with code 2.
 */
final class ToolFailure extends RuntimeException {
    ToolFailure(String message) {
        super(message, null, false, false);
    }
}
