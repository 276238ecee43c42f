package dev.sovereign.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The estimated cost of one request in whole micro-USD (millionths of a dollar). A rate in USD per million
 * tokens is the cost of one token in micro-USD, so the estimate is the exact decimal sum of each token count times
 * its rate, rounded once, half up, to a whole micro-USD (an estimate is off by at most half a micro-USD per
 * request from the list price). Pure and thread-safe.
 */
public final class CostEstimate {
    private CostEstimate() {}

    /**
     * The tokens of one request, by how they are billed; a negative count (not reported) counts as 0.
     *
     * @param input input tokens billed at the full input rate (not read from or written to a cache)
     * @param cacheRead input tokens read from a prompt cache
     * @param cacheWrite input tokens written to a prompt cache
     */
    public record Tokens(long input, long output, long cacheRead, long cacheWrite) {
        public Tokens {
            input = Math.max(0, input);
            output = Math.max(0, output);
            cacheRead = Math.max(0, cacheRead);
            cacheWrite = Math.max(0, cacheWrite);
        }

        /** Anthropic's usage: {@code input_tokens} excludes the cache reads and writes reported beside it. */
        public static Tokens anthropic(long input, long output, long cacheRead, long cacheWrite) {
            return new Tokens(input, output, cacheRead, cacheWrite);
        }

        /** OpenAI's usage: {@code prompt_tokens} includes the {@code cached_tokens} read from the cache. */
        public static Tokens openAi(long prompt, long completion, long cached) {
            long c = Math.max(0, cached);
            return new Tokens(Math.max(0, prompt) - Math.min(c, Math.max(0, prompt)), completion, c, 0);
        }
    }

    /** Input tokens at the input rate and output tokens at the output rate. */
    public static long microUsd(Rate rate, long inputTokens, long outputTokens) {
        return microUsd(rate, new Tokens(inputTokens, outputTokens, 0, 0));
    }

    /** Each kind of token at its rate; cache reads and writes at the input rate when the price has none for them. */
    public static long microUsd(Rate rate, Tokens tokens) {
        BigDecimal cached = rate.cachedInput() == null ? rate.input() : rate.cachedInput();
        BigDecimal write = rate.cacheWrite() == null ? rate.input() : rate.cacheWrite();
        BigDecimal total = rate.input()
                .multiply(BigDecimal.valueOf(tokens.input()))
                .add(rate.output().multiply(BigDecimal.valueOf(tokens.output())))
                .add(cached.multiply(BigDecimal.valueOf(tokens.cacheRead())))
                .add(write.multiply(BigDecimal.valueOf(tokens.cacheWrite())));
        return total.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code microUsd} as dollars, for reports. */
    public static BigDecimal usd(long microUsd) {
        return BigDecimal.valueOf(microUsd, 6);
    }
}
