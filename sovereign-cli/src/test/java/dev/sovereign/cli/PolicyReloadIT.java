package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sovereign.testing.FakeUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway started without a policy file: one written afterwards is loaded on SIGHUP, the start-up
 * banner names the files it read, and a policy that SIGHUP cannot load is reported without stopping the gateway.
 */
class PolicyReloadIT {
    @TempDir
    Path tmp;

    @Test
    void sighupLoadsAPolicyFileWrittenAfterStartAndReportsOneItCannotLoad() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        try (FakeUpstream upstream = FakeUpstream.start();
                GatewayProcess gateway = GatewayProcess.start(tmp.resolve("run"), config, upstream)) {
            gateway.awaitReady(Duration.ofSeconds(60));
            assertThat(gateway.stderr()).contains("configuration: built-in defaults (no files in " + config + ")");

            Files.writeString(config.resolve("policy.yaml"), "rules:\n  - id: nothing\n    action: blok\n");
            gateway.hangup();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> gateway.stderr().contains("sovereign: SIGHUP: policy NOT reloaded: policy.yaml:"));
            assertThat(gateway.get("/healthz").status()).isEqualTo(200);

            Files.writeString(
                    config.resolve("policy.yaml"),
                    "rules:\n  - id: nothing\n    action: block\n    message: Closed for maintenance.\n");
            gateway.hangup();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> gateway.get("/admin/policy").body().contains("\"source\":\"policy.yaml\""));
            assertThat(gateway.stderr())
                    .containsPattern("sovereign: SIGHUP: policy (loaded from .*policy.yaml|unchanged)");
        }
    }
}
