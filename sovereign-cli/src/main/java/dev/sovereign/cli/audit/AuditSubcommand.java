package dev.sovereign.cli.audit;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.cli.ConfigOptions;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigException;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.store.AuditStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code sovereign audit} command shares: the configuration read as {@code serve} reads it (so with
 * nothing configured, the trail under {@code ./data}), the store it names, and one rule for failures. A bad
 * argument, an unreadable key or an unreachable store ends the command with one line on standard error and exit
 * code 2, never a stack trace.
 */
abstract class AuditSubcommand implements Callable<Integer> {
    static final int OK = 0;
    static final int ERROR = 2;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    /** The clock that ages ({@code 7d}) count back from; replaceable by tests. */
    Clock clock = Clock.systemUTC();

    /** The environment the capture key is read from; replaceable by tests. */
    Map<String, String> env = System.getenv();

    /** The command's work; its failures are reported by {@link #call()}. */
    abstract int run() throws IOException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (CommandFailure | AuditStoreException | AuditSigner.AuditKeyException e) {
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

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Where the configuration came from, once {@link #audit()} has read it. */
    private String source = "";

    /** The audit section of the configuration. */
    AuditConfig audit() {
        GatewayConfig loaded = config.load();
        source = loaded.source();
        return loaded.audit();
    }

    /**
     * The configured store. A SQLite file that does not exist is refused rather than created: reading commands
     * pointed at the wrong place should say so, not report an empty trail.
     */
    AuditStore openStore(AuditConfig audit) {
        if (!audit.postgres()) {
            Path file = Path.of(audit.store().substring("sqlite:".length()));
            if (!Files.isRegularFile(file)) {
                throw new CommandFailure("no audit store at " + file + " (configuration: " + source
                        + "; --config DIR reads the gateway's)");
            }
        }
        return AuditStores.open(audit);
    }

    /** The public key that checkpoints must be signed with. */
    AuditSigner verifier(AuditConfig audit) {
        if (!Files.exists(audit.verifyKey())) {
            throw new CommandFailure("no verify key at " + audit.verifyKey()
                    + " (audit.verify_key: the public key the gateway wrote beside its signing key)");
        }
        return AuditSigner.verifier(audit.verifyKey());
    }

    int fail(String message) {
        PrintWriter err = err();
        err.println(spec.qualifiedName() + ": " + oneLine(message));
        err.flush();
        return ERROR;
    }

    static String oneLine(String message) {
        return message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file or directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
