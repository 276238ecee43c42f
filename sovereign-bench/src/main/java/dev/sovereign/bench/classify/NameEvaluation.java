package dev.sovereign.bench.classify;

import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Person-name detection measured on annotated corpora written by others (see {@code independent/names/README.md} for
 * the sources, licences and how each subset was drawn): each corpus' sentences are joined back into text, eight to a
 * document, scanned with the default classifier, and its {@code pii.person_name} findings compared with the corpus'
 * person spans. A person span counts as found (TP) when a finding overlaps it, and missed (FN) otherwise; a finding
 * that overlaps no person span is a false positive (FP). Precision is the share of findings that overlap a person span,
 * recall the share of person spans found. Usage: {@code NameEvaluation}; prints one markdown table.
 */
public final class NameEvaluation {
    static final String ROOT = "/dev/sovereign/bench/classify/independent/names/";

    /** One evaluated file: a corpus in one language. */
    public record Source(String corpus, String language, String file) {}

    public static final List<Source> SOURCES = List.of(
            new Source("Europarl NER (ixa-ehu)", "en", "europarl-en.conll"),
            new Source("Europarl NER (ixa-ehu)", "de", "europarl-de.conll"),
            new Source("Europarl NER (ixa-ehu)", "es", "europarl-es.conll"),
            new Source("Europarl NER (ixa-ehu)", "it", "europarl-it.conll"),
            new Source("Europeana Newspapers (held out)", "de", "europeana-de.conll"),
            new Source("Europeana Newspapers (held out)", "fr", "europeana-fr.conll"),
            new Source("Europeana Newspapers (held out)", "nl", "europeana-nl.conll"),
            new Source("wikigold", "en", "wikigold-en.conll"));

    /** Counts of one source. */
    public record Result(Source source, int names, int found, int findings, int falsePositives) {
        public int missed() {
            return names - found;
        }

        public double precision() {
            return findings == 0 ? 0 : (findings - falsePositives) / (double) findings;
        }

        public double recall() {
            return names == 0 ? 0 : found / (double) names;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private static final int SENTENCES_PER_DOCUMENT = 8;
    private static final Set<String> NO_SPACE_BEFORE = Set.of(".", ",", ";", ":", "!", "?", ")", "]", "%", "'s");
    private static final Set<String> NO_SPACE_AFTER = Set.of("(", "[");

    private NameEvaluation() {}

    public static void main(String[] args) {
        Classifier classifier = Classifier.defaults();
        System.out.println("| corpus | lang | person spans | findings | TP | FP | FN | precision | recall | F1 |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        int names = 0;
        int found = 0;
        int findings = 0;
        int fp = 0;
        for (Source source : SOURCES) {
            Result r = evaluate(classifier, source);
            System.out.println(row(source.corpus(), source.language(), r));
            names += r.names();
            found += r.found();
            findings += r.findings();
            fp += r.falsePositives();
        }
        System.out.println(row("all", "", new Result(null, names, found, findings, fp)));
    }

    private static String row(String corpus, String language, Result r) {
        return String.format(
                "| %s | %s | %d | %d | %d | %d | %d | %.3f | %.3f | %.3f |",
                corpus,
                language,
                r.names(),
                r.findings(),
                r.found(),
                r.falsePositives(),
                r.missed(),
                r.precision(),
                r.recall(),
                r.f1());
    }

    /** Scans one source's documents and counts. */
    public static Result evaluate(Classifier classifier, Source source) {
        List<List<String[]>> sentences = read(source.file());
        int names = 0;
        int found = 0;
        int findings = 0;
        int falsePositives = 0;
        for (int from = 0; from < sentences.size(); from += SENTENCES_PER_DOCUMENT) {
            StringBuilder text = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            for (List<String[]> sentence :
                    sentences.subList(from, Math.min(sentences.size(), from + SENTENCES_PER_DOCUMENT))) {
                join(sentence, text, spans);
            }
            List<Finding> persons = classifier.scan(text).stream()
                    .filter(f -> f.category().equals("pii.person_name"))
                    .toList();
            names += spans.size();
            for (int[] span : spans) {
                if (persons.stream().anyMatch(f -> f.start() < span[1] && f.end() > span[0])) {
                    found++;
                }
            }
            findings += persons.size();
            for (Finding f : persons) {
                if (spans.stream().noneMatch(span -> f.start() < span[1] && f.end() > span[0])) {
                    falsePositives++;
                }
            }
        }
        return new Result(source, names, found, findings, falsePositives);
    }

    /** Appends a sentence as text, adding its person spans' char offsets. */
    private static void join(List<String[]> sentence, StringBuilder text, List<int[]> spans) {
        boolean space = !text.isEmpty();
        int[] open = null;
        for (String[] token : sentence) {
            String word = token[0];
            if (space && !NO_SPACE_BEFORE.contains(word)) {
                text.append(' ');
            }
            int start = text.length();
            text.append(word);
            String tag = token[1];
            if (tag.equals("B-PER") || tag.equals("I-PER") && open == null) {
                open = new int[] {start, text.length()};
                spans.add(open);
            } else if (tag.equals("I-PER")) {
                open[1] = text.length();
            } else {
                open = null;
            }
            space = !NO_SPACE_AFTER.contains(word);
        }
    }

    /** Sentences of a committed file: lists of {token, tag}. */
    static List<List<String[]>> read(String file) {
        InputStream in = NameEvaluation.class.getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IllegalStateException("evaluation data missing: " + ROOT + file);
        }
        List<List<String[]>> sentences = new ArrayList<>();
        List<String[]> sentence = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!sentence.isEmpty()) {
                        sentences.add(sentence);
                        sentence = new ArrayList<>();
                    }
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                sentence.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!sentence.isEmpty()) {
            sentences.add(sentence);
        }
        return sentences;
    }
}
