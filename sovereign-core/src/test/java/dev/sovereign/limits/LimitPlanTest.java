package dev.sovereign.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.config.UsageLimits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitPlanTest {
    static final UsageLimits ALL = new UsageLimits(600, 100_000, 2_000_000, 20_000_000, 500_000_000, 32);
    static final Instant NOW = Instant.parse("2026-12-31T23:59:30.250Z");

    @Test
    void eachLimitIsACounterOfItsWindowAndConcurrencyASlot() {
        LimitPlan plan = LimitPlan.of(List.of(new LimitPlan.Holder("key", "app", ALL)), NOW, 500, 7_500, "sgw_1");

        assertThat(plan.counters())
                .extracting(LimitStore.Counter::key)
                .containsExactly(
                        "sgw:limit:key:app:req.m:202612312359",
                        "sgw:limit:key:app:tok.m:202612312359",
                        "sgw:limit:key:app:tok.d:20261231",
                        "sgw:limit:key:app:usd.d:20261231",
                        "sgw:limit:key:app:usd.mo:202612");
        assertThat(plan.counters())
                .extracting(LimitStore.Counter::amount)
                .containsExactly(1L, 500L, 500L, 7_500L, 7_500L);
        assertThat(plan.slots()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("sgw:limit:key:app:inflight");
            assertThat(s.member()).isEqualTo("sgw_1");
            assertThat(s.limit()).isEqualTo(32);
        });
        // the minute, the day and the month all end at the turn of the year
        Instant newYear = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(plan.checks())
                .extracting(LimitPlan.Check::resetsAt)
                .containsExactly(newYear, newYear, newYear, newYear, newYear, null);
        // a counter outlives its window by a minute
        assertThat(plan.counters().get(0).ttlMillis()).isEqualTo(29_750 + 60_000);
        assertThat(plan.hasBudget()).isTrue();
    }

    @Test
    void windowsAreNamedWithTwoDigitsForEachField() {
        Instant early = Instant.parse("2027-01-05T03:04:59.999Z");
        assertThat(LimitPlan.counterKey("key", "a", LimitPlan.Kind.REQUESTS_PER_MINUTE, early))
                .isEqualTo("sgw:limit:key:a:req.m:202701050304");
        assertThat(LimitPlan.counterKey("key", "a", LimitPlan.Kind.TOKENS_PER_DAY, early))
                .isEqualTo("sgw:limit:key:a:tok.d:20270105");
        assertThat(LimitPlan.counterKey("key", "a", LimitPlan.Kind.USD_PER_MONTH, early))
                .isEqualTo("sgw:limit:key:a:usd.mo:202701");
    }

    @Test
    void anUnknownEstimateStillTakesOneSoThatASpentBudgetRefuses() {
        UsageLimits spend = new UsageLimits(-1, -1, -1, 1_000_000, -1, -1);
        LimitPlan plan = LimitPlan.of(List.of(new LimitPlan.Holder("team", "hr", spend)), NOW, 0, 0, "sgw_1");
        assertThat(plan.counters())
                .singleElement()
                .satisfies(c -> assertThat(c.amount()).isEqualTo(1));
    }

    @Test
    void onlyRateLimitsAreNotABudget() {
        UsageLimits rates = new UsageLimits(10, 1000, -1, -1, -1, 2);
        assertThat(LimitPlan.of(List.of(new LimitPlan.Holder("key", "a", rates)), NOW, 1, 1, "r")
                        .hasBudget())
                .isFalse();
    }

    @Test
    void settlementMovesTokensAndSpendFromTheEstimateToTheUsage() {
        LimitPlan plan = LimitPlan.of(List.of(new LimitPlan.Holder("key", "app", ALL)), NOW, 500, 7_500, "sgw_1");

        assertThat(plan.settlement(1_200, 9_000, false))
                .extracting(LimitStore.Counter::key, LimitStore.Counter::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sgw:limit:key:app:tok.m:202612312359", 700L),
                        org.assertj.core.groups.Tuple.tuple("sgw:limit:key:app:tok.d:20261231", 700L),
                        org.assertj.core.groups.Tuple.tuple("sgw:limit:key:app:usd.d:20261231", 1_500L),
                        org.assertj.core.groups.Tuple.tuple("sgw:limit:key:app:usd.mo:202612", 1_500L));
        // unknown usage keeps the estimate; a refund gives it back
        assertThat(plan.settlement(-1, -1, false)).isEmpty();
        assertThat(plan.settlement(-1, -1, true))
                .extracting(LimitStore.Counter::amount)
                .containsExactly(-500L, -500L, -7_500L, -7_500L);
    }

    @Test
    void theHoldersOfOneRequestAreCheckedTogether() {
        LimitPlan plan = LimitPlan.of(
                List.of(
                        new LimitPlan.Holder("key", "app", new UsageLimits(600, -1, -1, -1, -1, -1)),
                        new LimitPlan.Holder("team", "hr", new UsageLimits(-1, -1, -1, -1, 2_000_000_000L, -1)),
                        new LimitPlan.Holder("workload", "hr-assistant", new UsageLimits(100, -1, -1, -1, -1, 4))),
                NOW,
                10,
                10,
                "sgw_1");
        assertThat(plan.checks())
                .extracting(c -> c.scope() + ":" + c.kind().setting())
                .containsExactly(
                        "key:requests_per_minute",
                        "team:usd_per_month",
                        "workload:requests_per_minute",
                        "workload:concurrent");
        assertThat(plan.checks().get(1).describe())
                .isEqualTo("team 'hr' has reached its limit of $2000 US dollars per month");
    }

    @Test
    void theInMemoryStoreTakesAllOrNothingAndGivesBack() {
        long[] clock = {1_000};
        InMemoryLimitStore store = new InMemoryLimitStore(() -> clock[0]);
        LimitStore.Counter a = new LimitStore.Counter("a", 2, 1, 500);
        LimitStore.Counter b = new LimitStore.Counter("b", 1, 1, 500);
        LimitStore.Slot s = new LimitStore.Slot("s", 1, "r1", 500);

        assertThat(store.acquire(List.of(a, b), List.of(s))
                        .toCompletableFuture()
                        .join()
                        .counts())
                .containsExactly(1L, 1L, 1L);
        LimitStore.Admission second =
                store.acquire(List.of(a, b), List.of()).toCompletableFuture().join();
        assertThat(second.refused()).isEqualTo(1);
        assertThat(store.read(List.of("a", "b"), List.of("s"))
                        .toCompletableFuture()
                        .join())
                .as("a refused request takes nothing")
                .containsExactly(1L, 1L, 1L);
        assertThat(store.acquire(List.of(), List.of(new LimitStore.Slot("s", 1, "r2", 500)))
                        .toCompletableFuture()
                        .join()
                        .refused())
                .isZero();
        store.settle(List.of(new LimitStore.Counter("b", 1, -1, 500)), List.of(s))
                .toCompletableFuture()
                .join();
        assertThat(store.acquire(List.of(a, b), List.of(new LimitStore.Slot("s", 1, "r2", 500)))
                        .toCompletableFuture()
                        .join()
                        .admitted())
                .isTrue();
        clock[0] += 500;
        assertThat(store.read(List.of("a", "b"), List.of("s"))
                        .toCompletableFuture()
                        .join())
                .as("after their time to live")
                .containsExactly(0L, 0L, 0L);
    }
}
