package dev.sovereign.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SovereigntyIndexTest {
    static final SovereigntyIndex INDEX = SovereigntyIndex.defaults();

    private static Map<String, IndexRow> rows(LocalDate date) {
        return INDEX.compute(date, Weights.PUBLISHED, "eu").stream().collect(Collectors.toMap(IndexRow::id, r -> r));
    }

    @Test
    void reproducesThePublishedTableWithinFivePoints() {
        Map<String, IndexRow> rows = rows(PublishedIndex.DATE);
        PublishedIndex.SCORES.forEach((id, published) -> {
            IndexRow row = rows.get(id);
            assertThat(row.total()).as(id).isCloseTo(published, within(5L));
        });
    }

    @Test
    void subscoresWeightedByThePublishedWeightsGiveTheTotal() {
        for (IndexRow row : rows(PublishedIndex.DATE).values()) {
            double expected = 0.35 * row.subscores().get(Dimension.JURISDICTION)
                    + 0.30 * row.subscores().get(Dimension.LOCK_IN)
                    + 0.20 * row.subscores().get(Dimension.INFRASTRUCTURE)
                    + 0.15 * row.subscores().get(Dimension.COMPLIANCE);
            assertThat(row.exact()).as(row.id()).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void theEndOfAzureExclusivityRaisesOpenAiAndIsExplained() {
        IndexRow before = rows(PublishedIndex.DATE).get("openai");
        IndexRow after = rows(LocalDate.of(2026, 11, 26)).get("openai");
        assertThat(after.total()).isGreaterThan(before.total());
        List<SovereigntyIndex.Change> changes = INDEX.changes(
                INDEX.catalog().profiles().get("openai"),
                PublishedIndex.DATE,
                LocalDate.of(2026, 11, 26),
                Weights.PUBLISHED);
        assertThat(changes)
                .extracting(SovereigntyIndex.Change::attribute)
                .containsExactlyInAnyOrder("compute_operator", "continuity", "independent_operators");
        assertThat(changes).allSatisfy(c -> assertThat(c.event()).isNotNull());
        double explained =
                changes.stream().mapToDouble(SovereigntyIndex.Change::effect).sum();
        assertThat(after.exact() - before.exact()).isCloseTo(explained, within(1e-9));
    }

    @Test
    void llamaIsDisqualifiedForAnEuCompanyButNotElsewhere() {
        Profile llama = INDEX.catalog().profiles().get("self-hosted-llama");
        assertThat(INDEX.row(llama, PublishedIndex.DATE, Weights.PUBLISHED, "eu")
                        .disqualified())
                .isTrue();
        assertThat(INDEX.row(llama, PublishedIndex.DATE, Weights.PUBLISHED, "us")
                        .disqualified())
                .isFalse();
    }

    @Test
    void anUnknownFactScoresItsWorstValueAndIsFlagged() {
        // Before OpenAI's exclusivity facts begin and after they end, only events fill the gap; on a date
        // with no fact at all the attribute is unknown.
        Profile openai = INDEX.catalog().profiles().get("openai");
        IndexRow row = INDEX.row(openai, LocalDate.of(2026, 4, 27), Weights.PUBLISHED, "eu");
        assertThat(row.flags()).noneMatch(f -> f.startsWith("unknown: compute_operator"));
        Map<String, ResolvedFact> facts = INDEX.resolve(openai, LocalDate.of(2026, 4, 27));
        assertThat(facts.get("compute_operator").event()).isNotNull();
    }

    @Test
    void movingAWeightMovesTotalsTowardsThatSubscore() {
        IndexRow mistral = rows(PublishedIndex.DATE).get("mistral");
        Map<Dimension, Double> moves = INDEX.sensitivity(mistral, Weights.PUBLISHED, 0.10);
        for (Dimension d : Dimension.values()) {
            double sign = Math.signum(mistral.subscores().get(d) - mistral.exact());
            assertThat(Math.signum(moves.get(d))).as(d.id()).isEqualTo(sign);
        }
    }
}
