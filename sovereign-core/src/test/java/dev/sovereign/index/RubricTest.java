package dev.sovereign.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RubricTest {
    static final Rubric RUBRIC = Rubric.defaults();

    @Test
    void everyDimensionCanReachExactly100Points() {
        for (Dimension d : Dimension.values()) {
            assertThat(RUBRIC.attributes(d).stream()
                            .mapToInt(RubricAttribute::max)
                            .sum())
                    .as(d.id())
                    .isEqualTo(100);
        }
    }

    @Test
    void theDefaultWeightsAreThePublishedOnes() {
        assertThat(RUBRIC.weights().percentages())
                .isEqualTo(Map.of(
                        Dimension.JURISDICTION,
                        35L,
                        Dimension.LOCK_IN,
                        30L,
                        Dimension.INFRASTRUCTURE,
                        20L,
                        Dimension.COMPLIANCE,
                        15L));
    }

    @Test
    void setsAreCappedAndUnknownOptionsRefused() {
        RubricAttribute certs = RUBRIC.attribute("certifications");
        assertThat(certs.points(List.of("iso_27001", "soc2_type2", "iso_42001", "bsi_c5", "secnumcloud_eucs_gaiax")))
                .isEqualTo(25);
        assertThat(certs.points(List.of("iso_27001"))).isEqualTo(8);
        assertThatThrownBy(() -> RUBRIC.attribute("operator_seat").points(List.of("moon")))
                .hasMessageContaining(
                        "'moon' is not an option of operator_seat (customer_or_eu, adequate_country, us)");
        assertThatThrownBy(() -> RUBRIC.attribute("nope")).hasMessageContaining("unknown attribute 'nope'");
    }

    @Test
    void publishedRubricDocumentListsEveryAttributeWithItsPoints() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "sovereignty-index.md"));
        for (RubricAttribute a : RUBRIC.attributes().values()) {
            assertThat(doc).as("docs lists " + a.id()).contains("`" + a.id() + "`");
            a.options()
                    .forEach((option, points) ->
                            assertThat(doc).as(a.id() + " " + option).contains("`" + option + "` " + points));
        }
    }

    @Test
    void weightsParseNormaliseAndShift() {
        Weights w = Weights.parse("1, 1, 1, 1");
        assertThat(w.of(Dimension.COMPLIANCE)).isEqualTo(0.25);
        Weights shifted = Weights.PUBLISHED.shifted(Dimension.JURISDICTION, 0.10);
        assertThat(shifted.of(Dimension.JURISDICTION)).isEqualTo(0.45, org.assertj.core.api.Assertions.within(1e-12));
        double sum = 0;
        for (Dimension d : Dimension.values()) sum += shifted.of(d);
        assertThat(sum).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThatThrownBy(() -> Weights.parse("1,2,x,4")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> Weights.parse("0,0,0,0")).hasMessageContaining("positive");
    }
}
