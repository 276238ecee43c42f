package dev.sovereign.limits;

import dev.sovereign.config.UsageLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters and slots one request takes from the limits of its key, team and workload, and what settles them once
 * its usage is known. Windows are fixed, in UTC: the minute, the day, the calendar month; a counter's key names its
 * window, so a new window starts from zero on every replica at once. Pure and immutable.
 *
 * <p>Tokens and spend are taken as estimated before the request leaves (at least 1, so that a budget already spent
 * refuses the next request) and corrected from the usage the provider reports ({@link #settlement}).
 */
public final class LimitPlan {
    /** The counters' key prefix in a shared store. */
    public static final String PREFIX = "sgw:limit:";

    /** How long a counter outlives its window, so that its last value can still be read. */
    private static final Duration AFTER_WINDOW = Duration.ofMinutes(1);

    /** How long a slot is held at most when its request never settles (its replica died). */
    public static final Duration SLOT_TTL = Duration.ofMinutes(15);

    /** The kinds of limit, with their words and whether they are budgets (refused when the store cannot be asked). */
    public enum Kind {
        REQUESTS_PER_MINUTE("requests_per_minute", "requests per minute", "req.m", false),
        TOKENS_PER_MINUTE("tokens_per_minute", "tokens per minute", "tok.m", false),
        TOKENS_PER_DAY("tokens_per_day", "tokens per day", "tok.d", true),
        USD_PER_DAY("usd_per_day", "US dollars per day", "usd.d", true),
        USD_PER_MONTH("usd_per_month", "US dollars per month", "usd.mo", true),
        CONCURRENT("concurrent", "requests at once", "inflight", false);

        private final String setting;
        private final String words;
        private final String key;
        private final boolean budget;

        Kind(String setting, String words, String key, boolean budget) {
            this.setting = setting;
            this.words = words;
            this.key = key;
            this.budget = budget;
        }

        /** The setting's name in {@code sovereign.yaml}. */
        public String setting() {
            return setting;
        }

        public String words() {
            return words;
        }

        public boolean budget() {
            return budget;
        }

        public boolean tokens() {
            return this == TOKENS_PER_MINUTE || this == TOKENS_PER_DAY;
        }

        public boolean spend() {
            return this == USD_PER_DAY || this == USD_PER_MONTH;
        }

        /** The limit of this kind in {@code limits}, or {@link UsageLimits#NONE}. */
        public long of(UsageLimits limits) {
            return switch (this) {
                case REQUESTS_PER_MINUTE -> limits.requestsPerMinute();
                case TOKENS_PER_MINUTE -> limits.tokensPerMinute();
                case TOKENS_PER_DAY -> limits.tokensPerDay();
                case USD_PER_DAY -> limits.microUsdPerDay();
                case USD_PER_MONTH -> limits.microUsdPerMonth();
                case CONCURRENT -> limits.concurrent();
            };
        }

        /** When the window of this kind that holds {@code now} ends ({@code null} for concurrency, which has none). */
        public Instant windowEnd(Instant now) {
            ZonedDateTime t = now.atZone(ZoneOffset.UTC);
            return switch (this) {
                case REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE ->
                    t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toInstant();
                case TOKENS_PER_DAY, USD_PER_DAY ->
                    t.truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
                case USD_PER_MONTH ->
                    LocalDate.of(t.getYear(), t.getMonth(), 1)
                            .plusMonths(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                case CONCURRENT -> null;
            };
        }

        /** The window that holds {@code now}, as its key names it: 202612312359, 20261231, 202612 (UTC). */
        private String window(Instant now) {
            if (this == CONCURRENT) return "";
            LocalDateTime t = LocalDateTime.ofEpochSecond(now.getEpochSecond(), 0, ZoneOffset.UTC);
            StringBuilder b = new StringBuilder(12);
            b.append(t.getYear());
            two(b, t.getMonthValue());
            if (this == USD_PER_MONTH) return b.toString();
            two(b, t.getDayOfMonth());
            if (this == TOKENS_PER_DAY || this == USD_PER_DAY) return b.toString();
            two(b, t.getHour());
            two(b, t.getMinute());
            return b.toString();
        }

        private static void two(StringBuilder b, int n) {
            if (n < 10) b.append('0');
            b.append(n);
        }
    }

    /** Whose limits: {@code key}, {@code team} or {@code workload}, its id, and its limits. */
    public record Holder(String scope, String id, UsageLimits limits) {}

    /**
     * One limit that applies to the request.
     *
     * @param resetsAt when the window ends, {@code null} for concurrency
     */
    public record Check(String scope, String id, Kind kind, long limit, Instant resetsAt) {
        /** "key 'app' is over its limit of 600 requests per minute" and the like. */
        public String describe() {
            String amount = kind.spend() ? "$" + UsageLimits.usd(limit) : Long.toString(limit);
            return scope + " '" + id + "' has reached its limit of " + amount + " " + kind.words();
        }
    }

    private final List<Check> checks;
    private final List<LimitStore.Counter> counters;
    private final List<LimitStore.Slot> slots;

    private LimitPlan(List<Check> checks, List<LimitStore.Counter> counters, List<LimitStore.Slot> slots) {
        this.checks = List.copyOf(checks);
        this.counters = List.copyOf(counters);
        this.slots = List.copyOf(slots);
    }

    /**
     * The plan of a request made at {@code now} by {@code holders}, estimated to use {@code tokens} tokens and {@code
     * microUsd} millionths of a dollar.
     */
    public static LimitPlan of(List<Holder> holders, Instant now, long tokens, long microUsd, String requestId) {
        List<Check> counterChecks = new ArrayList<>();
        List<Check> slotChecks = new ArrayList<>();
        List<LimitStore.Counter> counters = new ArrayList<>();
        List<LimitStore.Slot> slots = new ArrayList<>();
        for (Holder h : holders) {
            for (Kind kind : Kind.values()) {
                long limit = kind.of(h.limits());
                if (limit == UsageLimits.NONE) continue;
                if (kind == Kind.CONCURRENT) {
                    slots.add(new LimitStore.Slot(slotKey(h.scope(), h.id()), limit, requestId, SLOT_TTL.toMillis()));
                    slotChecks.add(new Check(h.scope(), h.id(), kind, limit, null));
                    continue;
                }
                Instant end = kind.windowEnd(now);
                long amount = kind.tokens() ? Math.max(1, tokens) : kind.spend() ? Math.max(1, microUsd) : 1;
                long ttl = Duration.between(now, end).plus(AFTER_WINDOW).toMillis();
                counters.add(new LimitStore.Counter(counterKey(h.scope(), h.id(), kind, now), limit, amount, ttl));
                counterChecks.add(new Check(h.scope(), h.id(), kind, limit, end));
            }
        }
        List<Check> checks = new ArrayList<>(counterChecks);
        checks.addAll(slotChecks);
        return new LimitPlan(checks, counters, slots);
    }

    /** The key of the counter of {@code kind} for one holder in the window that holds {@code now}. */
    public static String counterKey(String scope, String id, Kind kind, Instant now) {
        return PREFIX + scope + ":" + id + ":" + kind.key + ":" + kind.window(now);
    }

    /** The key of the concurrency slots of one holder. */
    public static String slotKey(String scope, String id) {
        return PREFIX + scope + ":" + id + ":" + Kind.CONCURRENT.key;
    }

    public boolean isEmpty() {
        return checks.isEmpty();
    }

    /** Every limit that applies, in the store's order: counters first, then slots. */
    public List<Check> checks() {
        return checks;
    }

    public List<LimitStore.Counter> counters() {
        return counters;
    }

    public List<LimitStore.Slot> slots() {
        return slots;
    }

    /** Whether a limit whose store cannot be asked is a budget. */
    public boolean hasBudget() {
        return checks.stream().anyMatch(c -> c.kind().budget());
    }

    /**
     * The corrections once the request has ended: each token and spend counter moved from its estimate to what was
     * used. A figure that is not known ({@code -1}) keeps the estimate, unless {@code refund} says that nothing
     * reached the provider, which gives the estimate back.
     */
    public List<LimitStore.Counter> settlement(long tokensUsed, long microUsdUsed, boolean refund) {
        List<LimitStore.Counter> out = new ArrayList<>();
        for (int i = 0; i < counters.size(); i++) {
            LimitStore.Counter c = counters.get(i);
            Kind kind = checks.get(i).kind();
            long used = kind.tokens() ? tokensUsed : kind.spend() ? microUsdUsed : -1;
            if (!kind.tokens() && !kind.spend()) continue;
            long delta = used >= 0 ? used - c.amount() : refund ? -c.amount() : 0;
            if (delta != 0) out.add(new LimitStore.Counter(c.key(), c.limit(), delta, c.ttlMillis()));
        }
        return out;
    }
}
