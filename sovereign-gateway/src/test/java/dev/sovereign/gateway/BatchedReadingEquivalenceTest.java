package dev.sovereign.gateway;

import static dev.sovereign.testing.SeededTries.seeds;
import static dev.sovereign.testing.SeededTries.tryInput;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.StrictJson;
import dev.sovereign.classify.TextSegment;
import dev.sovereign.classify.UnbatchedReading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier reads the short pieces of a request (keys, ids, numbers, short values) in one engine call; over the
 * requests {@link PlantedValuesPropertyTest} generates (every inbound API, values planted in any string, key, number
 * or payload, plain and obfuscated, and the requests with nothing planted), the findings of every piece — category,
 * offsets, confidence, detector, pointer and form — and the counts equal those of reading each piece apart ({@link
 * UnbatchedReading}). No gateway is started: the bodies are read as the ingress reads them.
 */
class BatchedReadingEquivalenceTest {
    private static final StrictJson JSON = new StrictJson(128);

    static LongStream plainSeeds() {
        return seeds(1000);
    }

    static LongStream obfuscatedSeeds() {
        return seeds(300);
    }

    static LongStream requestSeeds() {
        return seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("plainSeeds")
    void requestsWithAPlantedValueReadTheSameBatched(long seed) {
        tryInput(seed, random -> PlantedValuesPropertyTest.planted(random, false), p -> check(p.text(), p.control()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("obfuscatedSeeds")
    void requestsWithAnObfuscatedValueReadTheSameBatched(long seed) {
        tryInput(seed, random -> PlantedValuesPropertyTest.planted(random, true), p -> check(p.text(), p.control()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("requestSeeds")
    void requestsWithNothingPlantedReadTheSameBatched(long seed) {
        tryInput(
                seed,
                PlantedValuesPropertyTest::request,
                base -> check(PlantedValuesPropertyTest.json(base.body()), null));
    }

    private static void check(String body, Object control) {
        same(body);
        if (control instanceof com.fasterxml.jackson.databind.JsonNode node) same(PlantedValuesPropertyTest.json(node));
    }

    private static void same(String body) {
        List<TextSegment> segments = RequestText.of(JSON.parse(body.getBytes(StandardCharsets.UTF_8)));
        Classifier classifier = Classifier.defaults();
        Classification batched = classifier.classify(segments, Set.of("internal"));
        assertThat(batched).isEqualTo(UnbatchedReading.classify(classifier, segments, Set.of("internal")));
    }
}
