package dev.sovereign.bench.redact;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.bench.classify.Prompts;
import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.TextSegment;
import dev.sovereign.redact.CategorySelector;
import dev.sovereign.redact.Redaction;
import dev.sovereign.redact.RedactionMode;
import dev.sovereign.redact.Redactor;
import dev.sovereign.redact.Restorer;
import dev.sovereign.redact.StreamRestorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What pseudonymizing a request and restoring its answer costs next to classifying it, on the same request: the 10 KB
 * mixed prompt of {@link dev.sovereign.bench.classify.ClassifyBenchmark} (prose in six languages, code, JSON, one
 * sensitive value per KB) split over three messages of an Anthropic request. Two answers are restored, in one piece
 * and in 12-char deltas as a stream delivers them: a 2 KB reply that uses every placeholder of the request, and the
 * whole redacted prompt echoed back (10 KB, the costly case: restoring costs in proportion to the answer's length).
 *
 * <p>Redaction rewrites the body in place, so each redacting operation first puts the three original texts back
 * ({@link #resetOnly} measures that part). Single-threaded, figures per core. {@link #main} gives the same comparison
 * as medians of interleaved calls, which a shared machine disturbs less.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedactBenchmark {
    static final int SIZE = 10_240;
    static final int DELTA = 12;

    private static final List<String> REPLY_PROSE = List.of(
            "Thanks for the details. I went through the notes and the code you pasted, and here is what I found. ",
            "Merci pour ces précisions : voici un résumé des points à vérifier avant la réunion de la semaine"
                    + " prochaine, avec les valeurs telles que vous les avez données. ",
            "Die Angaben im Vertrag sind vollständig; bitte prüfen Sie nur die folgenden Punkte noch einmal. ",
            "Para terminar, le propongo revisar juntos la lista y confirmar cada dato por correo. ",
            "The retry helper looks right; I would only cap the delay and log the last exception. ");

    ObjectNode body;
    List<ObjectNode> messages;
    List<String> texts;
    List<TextSegment> segments;
    Classification classification;
    Classifier classifier;
    Redactor redactor;
    CategorySelector all;
    String echo;
    List<String> echoDeltas;
    String reply;
    String restoredReply;
    List<String> replyDeltas;

    @Setup
    public void setUp() {
        String prompt = Prompts.mixed(SIZE, 2);
        body = JsonNodeFactory.instance.objectNode();
        body.put("model", "claude-sonnet-4-5").put("max_tokens", 1024);
        messages = new ArrayList<>();
        texts = new ArrayList<>();
        int third = prompt.length() / 3;
        String[] roles = {"user", "assistant", "user"};
        var array = body.putArray("messages");
        for (int m = 0; m < 3; m++) {
            // Cut at a space so that no value is split between two messages.
            int from = m == 0 ? 0 : prompt.indexOf(' ', m * third) + 1;
            int to = m == 2 ? prompt.length() : prompt.indexOf(' ', (m + 1) * third) + 1;
            texts.add(prompt.substring(from, to));
            messages.add(array.addObject().put("role", roles[m]).put("content", texts.get(m)));
        }
        classifier = Classifier.defaults();
        redactor = new Redactor();
        all = CategorySelector.all();
        segments = RequestText.of(body);
        classification = classifier.classify(segments, Set.of());

        Redaction redaction = redactor.redact(body, classification, RedactionMode.PSEUDONYMIZE, all);
        StringBuilder echoed = new StringBuilder();
        for (ObjectNode message : messages) {
            echoed.append(message.get("content").textValue());
        }
        echo = echoed.toString();
        StringBuilder replied = new StringBuilder(REPLY_PROSE.get(0)).append(REPLY_PROSE.get(1));
        StringBuilder expected = new StringBuilder(replied);
        List<String> placeholders = redaction.pseudonyms().placeholders();
        for (int k = 0; k < placeholders.size(); k++) {
            String item = "\n- item " + (k + 1) + ": ";
            String note = ", as in your message; " + REPLY_PROSE.get(2 + k % 3);
            replied.append(item).append(placeholders.get(k)).append(note);
            expected.append(item)
                    .append(redaction.pseudonyms().original(placeholders.get(k)).orElseThrow())
                    .append(note);
        }
        reply = replied.append("\n").append(REPLY_PROSE.get(3)).toString();
        restoredReply = expected.append("\n").append(REPLY_PROSE.get(3)).toString();
        echoDeltas = cut(echo);
        replyDeltas = cut(reply);

        reset();
        Restorer restorer = pseudonymize().pseudonyms().restorer();
        if (!restorer.restore(echo).equals(String.join("", texts))
                || !restorer.restore(reply).equals(restoredReply)) {
            throw new IllegalStateException("a restored answer differs from what was expected");
        }
    }

    private static List<String> cut(String answer) {
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < answer.length(); i += DELTA) {
            deltas.add(answer.substring(i, Math.min(answer.length(), i + DELTA)));
        }
        return deltas;
    }

    void reset() {
        for (int m = 0; m < messages.size(); m++) {
            messages.get(m).put("content", texts.get(m));
        }
    }

    @Benchmark
    public Classification classify() {
        return classifier.classify(segments, Set.of());
    }

    @Benchmark
    public ObjectNode resetOnly() {
        reset();
        return body;
    }

    @Benchmark
    public Redaction pseudonymize() {
        reset();
        return redactor.redact(body, classification, RedactionMode.PSEUDONYMIZE, all);
    }

    /** The request as it would leave without redaction: the baseline of {@link #pseudonymizeAndSerialize}. */
    @Benchmark
    public byte[] serialize() throws Exception {
        reset();
        return WRITER.writeValueAsBytes(body);
    }

    /** The request as it leaves pseudonymized: redacted text is written piece by piece while serialising. */
    @Benchmark
    public byte[] pseudonymizeAndSerialize() throws Exception {
        pseudonymize();
        return WRITER.writeValueAsBytes(body);
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter WRITER =
            new com.fasterxml.jackson.databind.ObjectMapper().writer();

    @Benchmark
    public String pseudonymizeAndRestoreReply() {
        return pseudonymize().pseudonyms().restorer().restore(reply);
    }

    @Benchmark
    public void pseudonymizeAndRestoreReplyStream(Blackhole out) {
        stream(replyDeltas, out);
    }

    @Benchmark
    public String pseudonymizeAndRestoreEcho() {
        return pseudonymize().pseudonyms().restorer().restore(echo);
    }

    @Benchmark
    public void pseudonymizeAndRestoreEchoStream(Blackhole out) {
        stream(echoDeltas, out);
    }

    private void stream(List<String> deltas, Blackhole out) {
        StreamRestorer stream = pseudonymize().pseudonyms().restorer().stream();
        for (String delta : deltas) {
            out.consume(stream.feed(delta));
        }
        out.consume(stream.finish());
    }

    /**
     * The same operations interleaved, one call of each in turn, each call timed: {@code RedactBenchmark [seconds]
     * [rounds]}. On a shared machine the medians of interleaved calls are steadier than separate runs, because a
     * burst of load slows all of them alike and preempted calls fall in the tail, not the median.
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        RedactBenchmark b = new RedactBenchmark();
        b.setUp();
        Blackhole hole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        List<String> names = List.of(
                "classify",
                "pseudonymize",
                "pseudonymizeAndRestoreReply",
                "pseudonymizeAndRestoreReplyStream",
                "pseudonymizeAndRestoreEcho",
                "pseudonymizeAndRestoreEchoStream",
                "resetOnly",
                "serialize",
                "pseudonymizeAndSerialize");
        List<Runnable> operations = List.of(
                () -> hole.consume(b.classify()),
                () -> hole.consume(b.pseudonymize()),
                () -> hole.consume(b.pseudonymizeAndRestoreReply()),
                () -> b.pseudonymizeAndRestoreReplyStream(hole),
                () -> hole.consume(b.pseudonymizeAndRestoreEcho()),
                () -> b.pseudonymizeAndRestoreEchoStream(hole),
                () -> hole.consume(b.resetOnly()),
                () -> hole.consume(unchecked(b::serialize)),
                () -> hole.consume(unchecked(b::pseudonymizeAndSerialize)));
        System.out.printf(
                "request: %d chars in 3 messages, %d findings; reply %d chars in %d deltas; echo %d chars in %d deltas%n",
                String.join("", b.texts).length(),
                b.classification.categoryCounts().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum(),
                b.reply.length(),
                b.replyDeltas.size(),
                b.echo.length(),
                b.echoDeltas.size());
        for (int round = 0; round < rounds; round++) {
            long[][] times = new long[names.size()][1 << 16];
            int count = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end && count < times[0].length) {
                for (int k = 0; k < names.size(); k++) {
                    long start = System.nanoTime();
                    operations.get(k).run();
                    times[k][count] = System.nanoTime() - start;
                }
                count++;
            }
            StringBuilder line = new StringBuilder(String.format("round %d, %d calls each:", round, count));
            double classify = 0;
            for (int k = 0; k < names.size(); k++) {
                long[] sorted = Arrays.copyOf(times[k], count);
                Arrays.sort(sorted);
                double median = sorted[count / 2] / 1e3;
                double p90 = sorted[count * 9 / 10] / 1e3;
                if (k == 0) {
                    classify = median;
                }
                line.append(String.format("%n  %-34s p50 %6.1f µs  p90 %6.1f µs", names.get(k), median, p90));
                if (k > 0) {
                    line.append(String.format("  %5.1f%% of classify", 100 * median / classify));
                }
            }
            System.out.println(line);
            double serialize = median(times[names.indexOf("serialize")], count);
            double withSerialize = median(times[names.indexOf("pseudonymizeAndSerialize")], count);
            double restoreOnly = median(times[names.indexOf("pseudonymizeAndRestoreReply")], count)
                    - median(times[names.indexOf("pseudonymize")], count);
            System.out.printf(
                    "  pseudonymize as it leaves (with serialising, less serialising the original) + restore the reply:"
                            + " %.1f µs = %.1f%% of classify%n",
                    withSerialize - serialize + restoreOnly,
                    100 * (withSerialize - serialize + restoreOnly) / classify);
        }
    }

    private static double median(long[] times, int count) {
        long[] sorted = Arrays.copyOf(times, count);
        Arrays.sort(sorted);
        return sorted[count / 2] / 1e3;
    }

    private interface Op {
        Object run() throws Exception;
    }

    private static Object unchecked(Op op) {
        try {
            return op.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
