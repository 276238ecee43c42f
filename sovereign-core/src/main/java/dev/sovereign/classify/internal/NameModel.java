package dev.sovereign.classify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The person-name model: a two-outcome maximum entropy classifier ("person", "other") over the {@link NameFeatures} of
 * a capitalised word, trained with Apache OpenNLP's L-BFGS maximum entropy trainer by {@code NameModelTraining} in
 * sovereign-bench and shipped as OpenNLP's binary model format, gzipped.
 *
 * <p>Design note: with two outcomes and no feature values, OpenNLP's probability of "person" is the logistic function of
 * the sum, over the features present, of the person weight minus the other weight. Loading compiles the model into that
 * one difference per feature, in an open-addressing table keyed by the feature's 64-bit hash, so that scoring a word
 * hashes its features in place and allocates nothing. Immutable and thread-safe.
 */
public final class NameModel implements NameScoring.Weights {
    static final String RESOURCE = "/dev/sovereign/classify/names/person-model.bin.gz";
    public static final String PERSON = "person";
    public static final String OTHER = "other";

    private final long[] keys;
    private final float[] weights;
    private final int mask;
    private final int size;

    private NameModel(long[] keys, float[] weights, int size) {
        this.keys = keys;
        this.weights = weights;
        this.mask = keys.length - 1;
        this.size = size;
    }

    private static final class Holder {
        static final NameModel BUILT_IN = load();

        private static NameModel load() {
            InputStream in = NameModel.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("built-in person-name model missing: " + RESOURCE);
            }
            try (InputStream gz = new GZIPInputStream(in)) {
                return compile(read(gz));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in person-name model", e);
            }
        }
    }

    /** The model shipped with the engine, read once. */
    public static NameModel builtIn() {
        return Holder.BUILT_IN;
    }

    /** Reads an OpenNLP maximum entropy model in binary format (not gzipped). */
    public static MaxentModel read(InputStream in) throws IOException {
        return new GenericModelReader(new BinaryFileDataReader(in)).getModel();
    }

    /** Compiles a two-outcome OpenNLP model whose outcomes are {@link #PERSON} and {@link #OTHER}. */
    @SuppressWarnings("unchecked")
    public static NameModel compile(MaxentModel model) {
        // OpenNLP 2: {parameters, predicate -> its Context, outcome names}
        Map<String, Context> predicates = (Map<String, Context>) ((AbstractModel) model).getDataStructures()[1];
        int person = model.getIndex(PERSON);
        int other = model.getIndex(OTHER);
        if (person < 0 || other < 0 || model.getNumOutcomes() != 2) {
            throw new IllegalArgumentException("not a person-name model: outcomes must be person and other");
        }
        int capacity = Integer.highestOneBit(Math.max(16, predicates.size() * 2 - 1)) << 1;
        long[] keys = new long[capacity];
        float[] weights = new float[capacity];
        boolean[] used = new boolean[capacity];
        int size = 0;
        for (Map.Entry<String, Context> e : predicates.entrySet()) {
            Context c = e.getValue();
            double delta = 0;
            int[] outcomes = c.getOutcomes();
            double[] values = c.getParameters();
            for (int k = 0; k < outcomes.length; k++) {
                delta += outcomes[k] == person ? values[k] : -values[k];
            }
            if (delta == 0) {
                continue;
            }
            long key = NameFeatures.hash(e.getKey());
            int slot = (int) mix(key) & (capacity - 1);
            while (used[slot] && keys[slot] != key) {
                slot = (slot + 1) & (capacity - 1);
            }
            if (!used[slot]) {
                size++;
            }
            used[slot] = true;
            keys[slot] = key;
            weights[slot] += (float) delta;
        }
        // key 0 marks an empty slot; a feature whose hash is 0 (never seen in practice) is dropped
        for (int k = 0; k < capacity; k++) {
            if (!used[k]) {
                keys[k] = 0;
            }
        }
        return new NameModel(keys, weights, size);
    }

    private static long mix(long key) {
        return key ^ (key >>> 29) ^ (key >>> 41);
    }

    /** Weight of a feature's hash, 0 when the model does not know it. */
    @Override
    public float weight(long key) {
        if (key == 0) {
            return 0;
        }
        int slot = (int) mix(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return weights[slot];
            }
            if (k == 0) {
                return 0;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Number of features with a weight. */
    public int features() {
        return size;
    }

    /** Bytes held by the compiled table. */
    public long tableBytes() {
        return keys.length * 8L + weights.length * 4L;
    }

    /** Scores words of one text; one per scan, not thread-safe. */
    public Scorer scorer() {
        return new Scorer(this);
    }

    /** Sums a word's feature weights; not thread-safe. */
    public static final class Scorer implements NameFeatures.Sink {
        private final NameModel model;
        private final NameFeatures.Buffer buffer = new NameFeatures.Buffer();
        private double sum;

        Scorer(NameModel model) {
            this.model = model;
        }

        @Override
        public void feature(char[] chars, int length) {
            sum += model.weight(NameFeatures.hash(chars, length));
        }

        /** Probability that candidate word {@code i} of {@code t} is (part of) a person's name. */
        public double person(NameTokens t, int i) {
            return 1 / (1 + Math.exp(-NameScoring.score(t, i, model)));
        }

        /**
         * The same probability from the features as {@link NameFeatures#generate} writes them for training, each
         * hashed from its chars: what {@link #person} must equal exactly.
         */
        double personFromFeatures(NameTokens t, int i) {
            sum = 0;
            NameFeatures.generate(t, i, buffer, this);
            return 1 / (1 + Math.exp(-sum));
        }
    }
}
