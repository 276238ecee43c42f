package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.testing.FakeUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged distribution as an operator runs it: a real process, real sockets, SIGTERM to stop. */
class ServeProcessIT {
    @TempDir
    Path work;

    @Test
    void servesWithZeroConfigurationAndDrainsOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("sovereign.jar"));
        assertThat(jar).exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FakeUpstream upstream = FakeUpstream.start()) {
            Path log = work.resolve("stdout.log");
            Path err = work.resolve("stderr.log");
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toString(),
                            "serve",
                            "--port",
                            Integer.toString(port))
                    .directory(work.toFile())
                    .redirectOutput(log.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("ANTHROPIC_API_KEY", "sk-ant-process-test-secret");
            pb.environment().put("ANTHROPIC_BASE_URL", upstream.baseUrl());
            pb.environment().remove("OPENAI_API_KEY");
            pb.environment().put("SOVEREIGN_LOCAL_BASE_URL", "http://127.0.0.1:1/v1");
            Process process = pb.start();
            try {
                HttpClient client = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                waitUntilReady(client, base, process, err);
                String body =
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"PROMPT-MARKER-42\"}]}";
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                                .header("anthropic-version", "2023-06-01")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("Echo: PROMPT-MARKER-42");

                process.destroy(); // SIGTERM
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String stderr = Files.readString(err);
                String stdout = Files.readString(log);
                assertThat(stderr).contains("provider anthropic").contains("reachable");
                assertThat(stderr).contains("provider local").contains("NOT reachable");
                assertThat(stderr).contains("draining");
                assertThat(stdout)
                        .as("standard error: %s", stderr)
                        .contains("\"log\":\"access\"")
                        .contains("\"provider\":\"anthropic\"")
                        .contains("\"status\":200");
                // Privacy by default: neither the prompt, the answer nor the credential reach the logs.
                assertThat(stdout + stderr)
                        .doesNotContain("PROMPT-MARKER-42")
                        .doesNotContain("sk-ant-process-test-secret");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static void waitUntilReady(HttpClient client, String base, Process process, Path err) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("gateway exited: " + Files.readString(err));
            try {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gateway not ready within 30 s: " + Files.readString(err));
    }
}
