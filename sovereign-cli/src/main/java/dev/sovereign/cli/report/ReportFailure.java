package dev.sovereign.cli.report;

/** A report command cannot run: a bad option, an unreadable file. Its message is shown as it is. */
final class ReportFailure extends RuntimeException {
    ReportFailure(String message) {
        super(message);
    }
}
