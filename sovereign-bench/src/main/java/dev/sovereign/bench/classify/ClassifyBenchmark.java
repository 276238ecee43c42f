package dev.sovereign.bench.classify;

import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Classification throughput on 64 KiB inputs (one op = one scan of the whole text; MB/s = ops/s x 0.0655) and the
 * latency distribution of one 10 KB prompt. Single-threaded: figures are per core.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassifyBenchmark {
    static final int SIZE = 65_536;

    String mixed;
    String clean;
    String prompt10k;
    Classifier defaults;
    Classifier custom;
    NaiveRegexBaseline naive;

    @Setup
    public void setUp() {
        mixed = Prompts.mixed(SIZE, 1);
        clean = Prompts.clean(SIZE, 1);
        prompt10k = Prompts.mixed(10_240, 2);
        defaults = Classifier.defaults();
        custom = withCustomDetectors();
        naive = new NaiveRegexBaseline();
    }

    /** The defaults plus 1,000 custom keywords and 100 custom RE2/J patterns ({@link CustomDetectors}). */
    static Classifier withCustomDetectors() {
        return CustomDetectors.classifier();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Finding> defaultsMixed() {
        return defaults.scan(mixed);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Finding> defaultsClean() {
        return defaults.scan(clean);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Finding> customMixed() {
        return custom.scan(mixed);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int naiveRegexMixed() {
        return naive.scan(mixed);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Finding> prompt10kLatency() {
        return defaults.scan(prompt10k);
    }
}
