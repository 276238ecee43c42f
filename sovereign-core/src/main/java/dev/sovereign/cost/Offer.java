package dev.sovereign.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A self-hosted option: an instance at its on-demand hourly price, serving a class of open-weight model at an
 * <em>assumed</em> sustained throughput. Its cost per million tokens is
 * {@code usdPerHour / (tokensPerSecond × 3600 × utilisation) × 1,000,000}, for input (prefill) and output (decode)
 * separately: a request of I input and O output tokens occupies the instance for I / inputTokensPerSecond +
 * O / outputTokensPerSecond seconds of its capacity.
 *
 * @param usdPerHour the on-demand price, or {@code null} when none is published (the offer then has no rate)
 * @param acceleratorMemoryGb memory of one accelerator
 * @param inputTokensPerSecond assumed prefill throughput of the whole instance, or {@code null}
 * @param outputTokensPerSecond assumed decode throughput of the whole instance, or {@code null}
 * @param assumption how the throughput was assumed
 * @param profile the sovereignty profile of running it, or {@code null}
 */
public record Offer(
        String id,
        String name,
        String instance,
        String region,
        String accelerator,
        int acceleratorCount,
        int acceleratorMemoryGb,
        BigDecimal usdPerHour,
        String modelClass,
        BigDecimal inputTokensPerSecond,
        BigDecimal outputTokensPerSecond,
        String assumption,
        String profile,
        LocalDate from,
        LocalDate to,
        String source,
        LocalDate checked,
        boolean uncertain,
        String note,
        String file) {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public boolean validOn(LocalDate date) {
        return ModelGlob.within(date, from, to);
    }

    /**
     * The cost of a million tokens at {@code utilisation} (the share of the instance's hours spent serving at the
     * assumed throughput, in (0, 1]), or empty when the offer has no price or no throughput.
     */
    public Optional<Rate> rate(double utilisation) {
        if (!(utilisation > 0 && utilisation <= 1))
            throw new IllegalArgumentException("utilisation must be in (0, 1], not " + utilisation);
        if (usdPerHour == null || inputTokensPerSecond == null || outputTokensPerSecond == null)
            return Optional.empty();
        BigDecimal input = perMillion(inputTokensPerSecond, utilisation);
        BigDecimal output = perMillion(outputTokensPerSecond, utilisation);
        return Optional.of(new Rate(id, input, output, null, null, List.of(source), uncertain));
    }

    private BigDecimal perMillion(BigDecimal tokensPerSecond, double utilisation) {
        BigDecimal tokensPerHour = tokensPerSecond.multiply(SECONDS_PER_HOUR).multiply(BigDecimal.valueOf(utilisation));
        return usdPerHour.multiply(MILLION).divide(tokensPerHour, MathContext.DECIMAL64);
    }
}
