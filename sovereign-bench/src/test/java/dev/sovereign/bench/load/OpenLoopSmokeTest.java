package dev.sovereign.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A quick run of the load generator against the fake upstream: no benchmark, about two seconds. */
class OpenLoopSmokeTest {

    private static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(new FakeUpstreamOptions().replyWords(8));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void bodiesHaveTheRequestedSize() {
        assertThat(ChatBodies.chat("gpt-4o-mini", false, 2048)).hasSize(2048);
        assertThat(ChatBodies.chat("gpt-4o-mini", true, 4096)).hasSize(4096);
    }

    @Test
    void measuresEveryScheduledRequest() throws InterruptedException {
        OpenLoop.Result result = OpenLoop.run(settings(false));

        assertThat(result.errors()).isZero();
        assertThat(result.ok()).isEqualTo(200);
        assertThat(result.latency().getTotalCount()).isEqualTo(100);
        assertThat(result.line()).startsWith("RESULT label=smoke").contains("p99_ms=");
    }

    @Test
    void measuresTimeToFirstTokenOfStreams() throws InterruptedException {
        OpenLoop.Result result = OpenLoop.run(settings(true));

        assertThat(result.errors()).isZero();
        assertThat(result.ttft().getTotalCount()).isEqualTo(100);
        assertThat(result.ttft().getMaxValue())
                .isLessThanOrEqualTo(result.latency().getMaxValue());
        assertThat(result.line()).contains("ttft_p99_ms=").contains("total_p99_ms=");
    }

    private static OpenLoop.Settings settings(boolean stream) {
        return new OpenLoop.Settings(
                upstream.baseUrl() + "/v1/chat/completions",
                "smoke",
                100,
                1,
                1,
                4,
                2048,
                "gpt-4o-mini",
                stream,
                List.of());
    }
}
