package dev.sovereign.cli.audit;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.config.AuditConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sovereign audit keygen}: a new Ed25519 key pair for signing checkpoints, written where the configuration
 * expects it (or to {@code --out DIR}). Never replaces an existing key unless {@code --force}: checkpoints signed
 * with the old key would no longer verify.
 */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Create the Ed25519 key pair that signs audit checkpoints (private key for the gateway, public"
                + " key for verify).")
final class KeygenCommand extends AuditSubcommand {
    static final String PRIVATE_FILE = "audit-signing.key";
    static final String PUBLIC_FILE = "audit-signing.pub";

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write " + PRIVATE_FILE + " and " + PUBLIC_FILE + " to DIR (default: the configured"
                    + " audit.signing_key and audit.verify_key).")
    Path outDir;

    @Option(names = "--force", description = "Replace an existing key pair.")
    boolean force;

    @Override
    int run() throws IOException {
        Path privateKey;
        Path publicKey;
        if (outDir == null) {
            AuditConfig audit = audit();
            privateKey = audit.signingKey();
            publicKey = audit.verifyKey();
        } else {
            privateKey = outDir.resolve(PRIVATE_FILE);
            publicKey = outDir.resolve(PUBLIC_FILE);
        }
        String replaced = null;
        for (Path existing : new Path[] {privateKey, publicKey}) {
            if (!Files.exists(existing)) continue;
            if (!force) {
                throw new CommandFailure(existing + " already exists; checkpoints signed with that key verify only"
                        + " with it, so keygen does not replace it (--force does)");
            }
            if (replaced == null) replaced = existing.toString();
        }
        AuditSigner signer = AuditSigner.generate(privateKey, publicKey);
        PrintWriter out = out();
        out.println("New audit signing key " + signer.keyId() + ":");
        out.println("  private key  " + privateKey.toAbsolutePath().normalize()
                + "  (the gateway signs checkpoints with it; keep it on the gateway host)");
        out.println("  public key   " + publicKey.toAbsolutePath().normalize()
                + "  (sovereign audit verify checks with it; give it to auditors)");
        out.println();
        if (outDir == null) {
            out.println("These are the paths the configuration names (audit.signing_key, audit.verify_key).");
        } else {
            out.println("Configure them in sovereign.yaml:");
            out.println("  audit:");
            out.println("    signing_key: " + privateKey.toAbsolutePath().normalize());
            out.println("    verify_key: " + publicKey.toAbsolutePath().normalize());
        }
        if (replaced != null) {
            err().println(spec.qualifiedName() + ": replaced the key pair at " + replaced
                    + "; checkpoints signed with the old key no longer verify with the new one");
        }
        return OK;
    }
}
