package dev.sovereign.cli.policy;

import dev.sovereign.config.ConfigException;
import dev.sovereign.policy.PolicyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the policy commands ({@code explain}, {@code policy test|matrix|check}) share: the configuration and policy
 * they read ({@link PolicySource}), and one rule for failures. A bad argument or input, an unreadable file, a
 * configuration or policy that does not load ends the command with one line on standard error and exit code 2,
 * never a stack trace.
 */
abstract class PolicyTool implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int ERROR = 2;

    @Mixin
    PolicySource source;

    @Spec
    CommandSpec spec;

    /** The command's work; its failures are reported by {@link #call()}. */
    abstract int run() throws IOException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ToolFailure | PolicyException e) {
            return fail(e.getMessage());
        } catch (ConfigException e) {
            return fail("invalid configuration: " + e.getMessage());
        } catch (IOException e) {
            return fail(describe(e));
        } catch (UncheckedIOException e) {
            return fail(describe(e.getCause()));
        } finally {
            out().flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + oneLine(message));
        err.flush();
        return ERROR;
    }

    static String oneLine(String message) {
        return message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
