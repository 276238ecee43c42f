package dev.sovereign.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What one client key, team or workload may use ({@code limits:} in {@code sovereign.yaml}). A value of {@link #NONE}
 * sets no limit; 0 refuses every request. Windows are fixed and in UTC: the minute, the day, the calendar month.
 *
 * @param requestsPerMinute requests forwarded per minute
 * @param tokensPerMinute input plus output tokens per minute
 * @param tokensPerDay input plus output tokens per day
 * @param microUsdPerDay spend per day in millionths of a US dollar, priced from the price table
 * @param microUsdPerMonth spend per calendar month in millionths of a US dollar
 * @param concurrent requests in flight at once
 */
public record UsageLimits(
        long requestsPerMinute,
        long tokensPerMinute,
        long tokensPerDay,
        long microUsdPerDay,
        long microUsdPerMonth,
        long concurrent) {
    public static final long NONE = -1;
    public static final UsageLimits UNLIMITED = new UsageLimits(NONE, NONE, NONE, NONE, NONE, NONE);

    /** Whether any limit is set. */
    public boolean any() {
        return !equals(UNLIMITED);
    }

    /** The limits set, in the words of the configuration ({@code requests_per_minute: 600}), for logs and listings. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (requestsPerMinute != NONE) out.add("requests_per_minute: " + requestsPerMinute);
        if (tokensPerMinute != NONE) out.add("tokens_per_minute: " + tokensPerMinute);
        if (tokensPerDay != NONE) out.add("tokens_per_day: " + tokensPerDay);
        if (microUsdPerDay != NONE) out.add("usd_per_day: " + usd(microUsdPerDay));
        if (microUsdPerMonth != NONE) out.add("usd_per_month: " + usd(microUsdPerMonth));
        if (concurrent != NONE) out.add("concurrent: " + concurrent);
        return out;
    }

    /** {@code micro} millionths of a dollar as the configuration writes dollars: {@code 12.5}. */
    public static String usd(long micro) {
        return java.math.BigDecimal.valueOf(micro, 6).stripTrailingZeros().toPlainString();
    }
}
