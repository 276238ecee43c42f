package dev.sovereign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.testing.LocalTsa;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 3161 tokens over checkpoints, from a real authority on loopback, and what their check refuses. */
class TimeStampTest {
    @TempDir
    Path dir;

    private LocalTsa tsa;
    private AuditSigner signer;

    @BeforeEach
    void start() throws Exception {
        tsa = LocalTsa.start("Test");
        signer = AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub"));
    }

    @AfterEach
    void stop() {
        tsa.close();
    }

    private Checkpoint checkpoint(long seq, String hash) {
        return signer.sign(new Checkpoint(
                "gw-a", seq, hash, Instant.now().truncatedTo(ChronoUnit.MILLIS), Checkpoint.PERIODIC, null, null));
    }

    private TimeStampClient client() {
        return new TimeStampClient(tsa.url(), Duration.ofSeconds(5));
    }

    @Test
    void aTokenFromTheAuthorityVerifiesAgainstItsRootAndItsOwnCertificate() throws Exception {
        Checkpoint c = checkpoint(7, "ab".repeat(32));
        Instant before = Instant.now().minusSeconds(1);
        TimeStamp stamp = client().stamp(c);

        assertThat(stamp.writer()).isEqualTo("gw-a");
        assertThat(stamp.seq()).isEqualTo(7);
        assertThat(stamp.imprint()).isEqualTo(TimeStamp.imprintOf(c));
        assertThat(stamp.authority()).isEqualTo(tsa.url().toString());
        Instant at =
                TimeStampVerifier.load(tsa.writeTrust(dir.resolve("root.pem"))).verify(stamp, c);
        assertThat(at).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(new TimeStampVerifier(List.of(tsa.signer())).verify(stamp, c))
                .isEqualTo(at);
        // Stored and read back as a line, the token still verifies.
        TimeStamp read = AuditJson.mapper().readValue(stamp.line(), TimeStamp.class);
        assertThat(new TimeStampVerifier(List.of(tsa.root())).verify(read, c)).isEqualTo(at);
    }

    @Test
    void aCheckpointChangedOrSignedAgainAfterItsTokenDoesNotVerify() throws Exception {
        Checkpoint c = checkpoint(7, "ab".repeat(32));
        TimeStamp stamp = client().stamp(c);
        TimeStampVerifier verifier = new TimeStampVerifier(List.of(tsa.root()));

        Checkpoint rewritten =
                signer.sign(new Checkpoint(c.writer(), c.seq(), "cd".repeat(32), c.time(), c.reason(), null, null));
        assertThatThrownBy(() -> verifier.verify(stamp, rewritten))
                .isInstanceOf(TimeStampVerifier.Invalid.class)
                .hasMessageContaining("other content than the checkpoint at #7");
        Checkpoint resigned = signer.sign(
                new Checkpoint(c.writer(), c.seq(), c.hash(), c.time().plusMillis(1), c.reason(), null, null));
        assertThatThrownBy(() -> verifier.verify(stamp, resigned)).isInstanceOf(TimeStampVerifier.Invalid.class);
    }

    @Test
    void aTokenOfAnAuthorityNotTrustedOrATamperedTokenDoesNotVerify() throws Exception {
        Checkpoint c = checkpoint(3, "ef".repeat(32));
        TimeStamp stamp = client().stamp(c);
        try (LocalTsa other = LocalTsa.start("Other")) {
            assertThatThrownBy(() -> new TimeStampVerifier(List.of(other.root())).verify(stamp, c))
                    .isInstanceOf(TimeStampVerifier.Invalid.class)
                    .hasMessageContaining("not signed by a trusted time-stamping authority");
        }
        byte[] der = java.util.Base64.getDecoder().decode(stamp.token());
        der[der.length - 5] ^= 1; // inside the signature
        TimeStamp tampered = new TimeStamp(
                stamp.writer(),
                stamp.seq(),
                stamp.imprint(),
                stamp.time(),
                stamp.authority(),
                java.util.Base64.getEncoder().encodeToString(der));
        assertThatThrownBy(() -> new TimeStampVerifier(List.of(tsa.root())).verify(tampered, c))
                .isInstanceOf(TimeStampVerifier.Invalid.class);
        TimeStamp garbage = new TimeStamp(
                stamp.writer(), stamp.seq(), stamp.imprint(), stamp.time(), stamp.authority(), "bm90IGEgdG9rZW4=");
        assertThatThrownBy(() -> new TimeStampVerifier(List.of(tsa.root())).verify(garbage, c))
                .isInstanceOf(TimeStampVerifier.Invalid.class)
                .hasMessage("is not a readable RFC 3161 token");
    }

    @Test
    void anAuthorityThatFailsGivesAMessageNamingItAndTheReason() throws Exception {
        Checkpoint c = checkpoint(1, "01".repeat(32));
        tsa.fault(LocalTsa.Fault.HTTP_503);
        assertThatThrownBy(() -> client().stamp(c))
                .isInstanceOf(IOException.class)
                .hasMessage("time-stamping authority " + tsa.url() + " answered HTTP 503");
        tsa.fault(LocalTsa.Fault.REJECTION);
        assertThatThrownBy(() -> client().stamp(c))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused the request (status 2")
                .hasMessageContaining("service not available for tests");
        tsa.fault(LocalTsa.Fault.NONE);
        tsa.delay(Duration.ofSeconds(3));
        assertThatThrownBy(() -> new TimeStampClient(tsa.url(), Duration.ofMillis(300)).stamp(c))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer within PT0.3S");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> new TimeStampClient(
                                URI.create("http://127.0.0.1:" + closed + "/tsr"), Duration.ofSeconds(2))
                        .stamp(c))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not reachable");
    }

    @Test
    void credentialsInTheAuthoritysUrlAreNeverShown() throws Exception {
        URI withSecret =
                URI.create("http://stamper:s3cret-pass@127.0.0.1:" + tsa.url().getPort() + "/tsr");
        TimeStampClient client = new TimeStampClient(withSecret, Duration.ofSeconds(5));
        assertThat(client.describe()).doesNotContain("s3cret").doesNotContain("stamper");
        TimeStamp stamp = client.stamp(checkpoint(2, "02".repeat(32)));
        assertThat(stamp.line()).doesNotContain("s3cret");
        tsa.fault(LocalTsa.Fault.HTTP_503);
        assertThatThrownBy(() -> client.stamp(checkpoint(3, "03".repeat(32))))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void aTrustFileWithoutCertificatesIsRefusedClearly() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> TimeStampVerifier.load(empty))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void tokensAreWrittenBesideTheCheckpointFilesAndReadBack() throws Exception {
        CheckpointLog log = new CheckpointLog(dir.resolve("checkpoints"));
        Checkpoint c = checkpoint(4, "04".repeat(32));
        log.append(c);
        TimeStamp stamp = client().stamp(c);
        log.append(stamp);
        assertThat(log.read().checkpoints()).containsExactly(c);
        assertThat(log.readTimeStamps().stamps()).containsExactly(stamp);
        assertThat(dir.resolve("checkpoints/timestamps/gw-a.jsonl")).exists();
    }
}
