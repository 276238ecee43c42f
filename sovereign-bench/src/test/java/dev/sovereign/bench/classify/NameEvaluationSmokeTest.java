package dev.sovereign.bench.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.classify.Classifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the person-name evaluation on the committed independent data and fails when precision or recall of any corpus
 * and language falls below a floor set just under the figures reported in BENCHMARKS.md, so that a change which loses
 * names (or finds more that are not) breaks the build.
 */
class NameEvaluationSmokeTest {
    /** Per evaluated file: precision floor, recall floor. */
    private static final Map<String, double[]> FLOORS = Map.of(
            "europarl-en.conll", new double[] {0.89, 0.88},
            "europarl-de.conll", new double[] {0.81, 0.80},
            "europarl-es.conll", new double[] {0.69, 0.70},
            "europarl-it.conll", new double[] {0.73, 0.70},
            "europeana-de.conll", new double[] {0.73, 0.64},
            "europeana-fr.conll", new double[] {0.74, 0.70},
            "europeana-nl.conll", new double[] {0.69, 0.34},
            "wikigold-en.conll", new double[] {0.70, 0.73});

    @Test
    void everyCorpusAndLanguageStaysAboveItsFloor() {
        Classifier classifier = Classifier.defaults();
        assertThat(FLOORS.keySet())
                .containsExactlyInAnyOrderElementsOf(NameEvaluation.SOURCES.stream()
                        .map(NameEvaluation.Source::file)
                        .toList());
        for (NameEvaluation.Source source : NameEvaluation.SOURCES) {
            NameEvaluation.Result r = NameEvaluation.evaluate(classifier, source);
            double[] floor = FLOORS.get(source.file());
            assertThat(r.names()).as(source.file() + " person spans").isPositive();
            assertThat(r.precision()).as(source.file() + " precision").isGreaterThanOrEqualTo(floor[0]);
            assertThat(r.recall()).as(source.file() + " recall").isGreaterThanOrEqualTo(floor[1]);
        }
    }
}
