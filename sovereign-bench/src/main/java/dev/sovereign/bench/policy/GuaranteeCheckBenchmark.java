package dev.sovereign.bench.policy;

import dev.sovereign.policy.GuaranteeChecker;
import dev.sovereign.policy.Policy;
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
 * The guarantee check of a policy, as when it loads or reloads (target &lt;= 1 s): its whole input space walked and
 * checked against its guarantees, deciding at most {@link GuaranteeChecker#MAX_INPUTS} requests. {@code realistic} is the 20-rule
 * {@link RealisticPolicy}, {@code readme-example} the README's five rules. One check per operation; the number of
 * inputs and whether the check was exhaustive are printed at setup.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GuaranteeCheckBenchmark {
    @Param({"readme-example", "realistic"})
    String policyName;

    Policy policy;

    @Setup
    public void setUp() {
        policy = RealisticPolicy.load(policyName);
        GuaranteeChecker.Result r = new GuaranteeChecker(policy).check();
        System.out.println(
                "guarantee check: " + r.inputs() + " inputs, exhaustive " + r.exhaustive() + ", holds " + r.holds());
    }

    @Benchmark
    public GuaranteeChecker.Result check() {
        return new GuaranteeChecker(policy).check();
    }
}
