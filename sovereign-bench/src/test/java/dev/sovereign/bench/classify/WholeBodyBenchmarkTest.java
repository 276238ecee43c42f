package dev.sovereign.bench.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.StrictJson;
import dev.sovereign.classify.TextSegment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WholeBodyBenchmarkTest {
    @ParameterizedTest
    @CsvSource({"chat-2k, 1800, 2300", "tools-50k, 45000, 55000", "doc-1m, 950000, 1050000"})
    void bodiesAreDeterministicOfTheirSizeAndFoundByBothReadings(String kind, int min, int max) {
        byte[] body = WholeBodyBenchmark.body(kind);
        assertThat(WholeBodyBenchmark.body(kind)).isEqualTo(body);
        assertThat(body.length).isBetween(min, max);

        WholeBodyBenchmark benchmark = new WholeBodyBenchmark();
        benchmark.body = kind;
        benchmark.setUp(); // checks what each reading finds
        assertThat(benchmark.baseline().segments()).hasSameSizeAs(benchmark.baselineParseOnly());
        assertThat(benchmark.wholeBody().segments()).hasSameSizeAs(benchmark.wholeBodyParseOnly());
    }

    @ParameterizedTest
    @CsvSource({"chat-2k", "tools-50k"})
    void theWholeBodyReadsEveryTextTheFieldListRead(String kind) {
        byte[] body = WholeBodyBenchmark.body(kind);
        List<String> before = FieldListText.fromAnthropic(new StrictJson(128).parse(body)).stream()
                .map(TextSegment::path)
                .toList();
        List<String> after = RequestText.of(new StrictJson(128).parse(body)).stream()
                .map(TextSegment::path)
                .toList();
        assertThat(after).containsAll(before);
    }
}
