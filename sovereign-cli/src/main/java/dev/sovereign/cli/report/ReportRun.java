package dev.sovereign.cli.report;

import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.config.ConfigException;
import dev.sovereign.policy.PolicyException;
import dev.sovereign.residency.WorkloadsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One rule for the report commands' failures: a bad option, a broken configuration, profile or events file, or an
 * unreachable store ends the command with one line on standard error and exit code 2, never a stack trace.
 */
abstract class ReportRun implements Callable<Integer> {
    static final int OK = 0;
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    abstract int run() throws IOException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ReportFailure | AuditStoreException | PolicyException | WorkloadsException e) {
            return fail(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            return fail(e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage());
        } catch (ConfigException e) {
            return fail("invalid configuration: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            out().flush();
            err().flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    int fail(String message) {
        err().println(spec.qualifiedName() + ": "
                + (message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ")));
        return ERROR;
    }
}
