package dev.sovereign.bench.classify;

import dev.sovereign.classify.internal.Chars;
import dev.sovereign.classify.internal.KeywordIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
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
 * Why the engine has its own keyword index: the same 1,000 whole-word, case-insensitive keywords over the same 64 KiB
 * mixed prompt, with the org.ahocorasick library's automaton and with {@link KeywordIndex} (bloom filter, then lookup,
 * as the scanner does it).
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeywordMatchBenchmark {
    String text;
    Trie trie;
    KeywordIndex index;

    @Setup
    public void setUp() {
        text = Prompts.mixed(ClassifyBenchmark.SIZE, 1);
        Random random = new Random(7);
        List<String> keywords = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            keywords.add("kw" + Integer.toString(random.nextInt(1 << 30), 36));
        }
        keywords.addAll(List.of("meeting", "report", "contract", "deployment", "function", "clients", "tests"));
        trie = Trie.builder()
                .ignoreCase()
                .onlyWholeWords()
                .addKeywords(keywords)
                .build();
        KeywordIndex.Builder builder = KeywordIndex.builder();
        keywords.forEach(k -> builder.add(k, 0));
        index = builder.build();
    }

    @Benchmark
    public int ahoCorasickLibrary() {
        Collection<Emit> emits = trie.parseText(text);
        return emits.size();
    }

    @Benchmark
    public int keywordIndex() {
        int[] count = new int[1];
        KeywordIndex.Sink sink = (start, end, payload) -> count[0]++;
        char[] t = text.toCharArray();
        int n = t.length;
        int i = 0;
        while (i < n) {
            if (!Chars.isWord(t[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && Chars.isWord(t[j])) {
                j++;
            }
            if (index.mightFile(t, i, j)) {
                index.lookup(t, i, j, sink);
            }
            i = j;
        }
        return count[0];
    }
}
