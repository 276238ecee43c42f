package dev.sovereign.bench.policy;

import dev.sovereign.policy.Decision;
import dev.sovereign.policy.Guarantee;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.RequestFacts;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Decide stage on the {@link RealisticPolicy} (20 rules): one {@link Policy#decide} per operation, and the
 * decision with the route guard's check of the six guarantees, as the gateway runs them for each request. SampleTime
 * mode, so JMH reports the distribution (p50, p99, p99.9). Single-threaded; the target is p99 &lt;= 20 µs.
 *
 * <p>{@code conditionsOnly} walks the same conditions with each CEL runtime and way of passing the variables
 * ({@link PlannedConditions}), to show what the runtime contributes.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecideBenchmark {
    @Param({"plain", "personal", "special"})
    String request;

    Policy policy;
    RequestFacts facts;

    @Setup
    public void setUp() {
        policy = RealisticPolicy.load();
        facts = RealisticPolicy.request(request);
        RealisticPolicy.expectRule(policy.decide(facts).ruleId(), request);
    }

    @Benchmark
    public Decision decide() {
        return policy.decide(facts);
    }

    @Benchmark
    public List<Guarantee> decideAndGuard() {
        return policy.violations(facts, policy.decide(facts));
    }

    /** The rule walk alone, under each CEL runtime. */
    @State(Scope.Benchmark)
    public static class Runtimes {
        @Param({"standard", "standard-resolver", "planner", "planner-resolver"})
        String runtime;

        PlannedConditions conditions;

        @Setup
        public void setUp(DecideBenchmark benchmark) {
            conditions = new PlannedConditions(benchmark.policy, runtime);
            RealisticPolicy.expectRule(conditions.firstMatch(benchmark.facts), benchmark.request);
        }
    }

    @Benchmark
    public String conditionsOnly(Runtimes runtimes) {
        return runtimes.conditions.firstMatch(facts);
    }
}
