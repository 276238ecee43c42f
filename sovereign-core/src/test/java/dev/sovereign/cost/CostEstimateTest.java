package dev.sovereign.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostEstimateTest {
    private static Rate rate(String in, String out, String cached, String write) {
        return new Rate(
                "r",
                new BigDecimal(in),
                new BigDecimal(out),
                cached == null ? null : new BigDecimal(cached),
                write == null ? null : new BigDecimal(write),
                List.of("https://example.org"),
                false);
    }

    @Test
    void usdPerMillionTokensIsMicroUsdPerToken() {
        Rate sonnet = rate("3", "15", "0.30", "3.75");
        assertThat(CostEstimate.microUsd(sonnet, 1_000, 500)).isEqualTo(3_000 + 7_500);
        assertThat(CostEstimate.microUsd(sonnet, 1_000_000, 1_000_000)).isEqualTo(18_000_000);
        assertThat(CostEstimate.microUsd(sonnet, 0, 0)).isZero();
    }

    @Test
    void cachedTokensAreBilledAtTheirOwnRates() {
        Rate sonnet = rate("3", "15", "0.30", "3.75");
        // Anthropic: input_tokens excludes the cache reads and writes.
        long anthropic = CostEstimate.microUsd(sonnet, CostEstimate.Tokens.anthropic(100, 200, 10_000, 2_000));
        assertThat(anthropic).isEqualTo(300 + 3_000 + 3_000 + 7_500);
        // OpenAI: prompt_tokens includes the cached ones.
        Rate gpt4o = rate("2.50", "10", "1.25", null);
        long openai = CostEstimate.microUsd(gpt4o, CostEstimate.Tokens.openAi(10_000, 100, 8_000));
        assertThat(openai).isEqualTo(2_000 * 5 / 2 + 8_000 * 5 / 4 + 100 * 10);
    }

    @Test
    void cacheTokensWithoutACacheRateAreBilledAsInput() {
        Rate noCache = rate("1.25", "10", null, null);
        assertThat(CostEstimate.microUsd(noCache, new CostEstimate.Tokens(0, 0, 1_000, 1_000)))
                .isEqualTo(2_500);
    }

    @Test
    void theSumIsRoundedOnceHalfUp() {
        Rate cheap = rate("0.15", "0.60", null, null);
        assertThat(CostEstimate.microUsd(cheap, 3, 0)).as("0.45 rounds down").isZero();
        assertThat(CostEstimate.microUsd(cheap, 10, 0)).as("1.5 rounds up").isEqualTo(2);
        assertThat(CostEstimate.microUsd(cheap, 3, 1))
                .as("0.45 + 0.60 = 1.05, rounded once (rounding each part would give 1)")
                .isEqualTo(1);
        assertThat(CostEstimate.microUsd(cheap, -1, -1))
                .as("not reported counts as 0")
                .isZero();
    }

    @Test
    void aSelfHostedOfferCostsItsHourlyPriceOverTheTokensItServes() {
        Offer p5 = Prices.defaults().offers().stream()
                .filter(o -> o.id().equals("aws-p5.48xlarge-70b"))
                .findFirst()
                .orElseThrow();
        // 55.04 USD/h over 4,000 output tokens/s × 3,600 s × 0.5 = 7.2M tokens per hour.
        Rate half = p5.rate(0.5).orElseThrow();
        assertThat(half.output())
                .isEqualByComparingTo(new BigDecimal("55.04")
                        .multiply(BigDecimal.valueOf(1_000_000))
                        .divide(BigDecimal.valueOf(7_200_000), java.math.MathContext.DECIMAL64));
        assertThat(half.output().doubleValue()).isCloseTo(7.6444, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(half.input().doubleValue()).isCloseTo(0.76444, org.assertj.core.data.Offset.offset(0.00001));
        Rate full = p5.rate(1.0).orElseThrow();
        assertThat(full.output().multiply(BigDecimal.TWO)).isEqualByComparingTo(half.output());
        assertThat(half.uncertain()).isTrue();
        assertThatThrownBy(() -> p5.rate(0)).hasMessageContaining("utilisation");
    }

    @Test
    void anOfferWithoutAPublishedPriceHasNoRate() {
        Offer trn3 = Prices.defaults().offers().stream()
                .filter(o -> o.id().equals("aws-trainium3-chip"))
                .findFirst()
                .orElseThrow();
        assertThat(trn3.acceleratorMemoryGb()).isEqualTo(144);
        assertThat(trn3.rate(0.5)).isEmpty();
        assertThat(trn3.validOn(LocalDate.parse("2026-11-26"))).isTrue();
    }
}
