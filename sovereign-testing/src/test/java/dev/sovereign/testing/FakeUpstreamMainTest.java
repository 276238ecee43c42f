package dev.sovereign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeUpstreamMainTest {

    @Test
    void parsesOptionsAndAnnouncesThePort() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FakeUpstream upstream = FakeUpstreamMain.run(
                new String[] {"--port", "0", "--reply-words", "4", "--event-loops", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {

            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("fake upstream listening on " + upstream.port() + System.lineSeparator());
            String text = Wire.json(
                            Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("x", false), Wire.OPENAI))
                    .path("choices")
                    .get(0)
                    .path("message")
                    .path("content")
                    .asText();
            assertThat(text).isEqualTo("lorem ipsum dolor sit");
        }
    }

    @Test
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> FakeUpstreamMain.run(new String[] {"--colour", "red"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> FakeUpstreamMain.run(new String[] {"--port", "x"}, System.out))
                .hasMessageContaining("--port");
    }

    @Test
    void runsAsAStandaloneProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FakeUpstreamMain.class.getName(),
                        "--port",
                        "0",
                        "--event-loops",
                        "1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader stdout =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = stdout.readLine();
            assertThat(line).startsWith("fake upstream listening on ");
            int port = Integer.parseInt(line.substring("fake upstream listening on ".length()));

            HttpResponse<String> response = Wire.CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                            .header("authorization", "Bearer k")
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
