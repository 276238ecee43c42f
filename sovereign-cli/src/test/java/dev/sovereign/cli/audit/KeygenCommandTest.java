package dev.sovereign.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sovereign audit keygen}: a working key pair, never written over an existing one by accident. */
class KeygenCommandTest {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private static String keyId(String out) {
        Matcher m = Pattern.compile("New audit signing key ([0-9a-f]{16}):").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void writesAKeyPairThatSignsAndVerifiesAndSaysHowToConfigureIt() throws Exception {
        Path keys = dir.resolve("keys");
        Cli.Run r = cli.run("audit", "keygen", "--out", keys.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path privateKey = keys.resolve("audit-signing.key");
        Path publicKey = keys.resolve("audit-signing.pub");
        AuditSigner signer = AuditSigner.load(privateKey, publicKey);
        assertThat(keyId(r.out())).isEqualTo(signer.keyId());
        Checkpoint c = signer.sign(new Checkpoint("gw-a", 1, "0".repeat(64), Instant.EPOCH, "periodic", null, null));
        assertThat(AuditSigner.verifier(publicKey).verify(c)).isTrue();
        assertThat(Files.getPosixFilePermissions(privateKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(r.out())
                .contains("audit:\n    signing_key: " + privateKey.toAbsolutePath() + "\n    verify_key: "
                        + publicKey.toAbsolutePath() + "\n");
    }

    @Test
    void refusesToOverwriteAnExistingKeyUnlessForced() throws Exception {
        Path keys = dir.resolve("keys");
        String first =
                keyId(cli.run("audit", "keygen", "--out", keys.toString()).out());
        byte[] privateBefore = Files.readAllBytes(keys.resolve("audit-signing.key"));

        Cli.Run again = cli.run("audit", "keygen", "--out", keys.toString()).failedInOneLine();
        assertThat(again.err())
                .startsWith("sovereign audit keygen: " + keys.resolve("audit-signing.key") + " already exists");
        assertThat(Files.readAllBytes(keys.resolve("audit-signing.key"))).isEqualTo(privateBefore);

        Files.delete(keys.resolve("audit-signing.key"));
        Cli.Run publicOnly =
                cli.run("audit", "keygen", "--out", keys.toString()).failedInOneLine();
        assertThat(publicOnly.err()).contains(keys.resolve("audit-signing.pub") + " already exists");

        Cli.Run forced = cli.run("audit", "keygen", "--force", "--out", keys.toString());
        assertThat(forced.exit()).isZero();
        assertThat(keyId(forced.out())).isNotEqualTo(first);
        assertThat(forced.err()).contains("replaced the key pair");
    }

    @Test
    void withoutOutItWritesWhereTheConfigurationLooks() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            Cli.Run r = cli.run("audit", "keygen", "--config", trail.configDir.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(AuditSigner.verifier(trail.config.verifyKey()).keyId()).isEqualTo(keyId(r.out()));
            assertThat(trail.config.signingKey()).exists();
            assertThat(r.out()).contains("These are the paths the configuration names");
        }
    }
}
