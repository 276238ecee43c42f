package dev.sovereign.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one million tokens cost on one option, in USD: an API price (with its premiums applied) or a self-hosted
 * offer at a utilisation. Since USD per million tokens equals micro-USD per token, {@link CostEstimate} multiplies
 * token counts by these rates directly.
 *
 * @param id the price entry or offer
 * @param cachedInput the rate of input tokens read from a prompt cache, or {@code null}: billed as {@link #input}
 * @param cacheWrite the rate of input tokens written to a prompt cache, or {@code null}: billed as {@link #input}
 * @param sources the source URL of the price and of every premium applied
 * @param uncertain the price, a premium or an assumption behind it is flagged for re-checking
 */
public record Rate(
        String id,
        BigDecimal input,
        BigDecimal output,
        BigDecimal cachedInput,
        BigDecimal cacheWrite,
        List<String> sources,
        boolean uncertain) {

    public Rate {
        sources = List.copyOf(sources);
    }
}
