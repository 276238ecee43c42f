package dev.sovereign.cli.audit;

/**
 * A reason an audit command cannot go on (a bad argument, a missing key or store), said in one line for the
 * operator. The command prints it and exits with code 2.
 */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message, null, false, false);
    }
}
