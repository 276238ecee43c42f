package dev.sovereign.bench.classify.names;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sentences of an annotated named-entity corpus in a CoNLL-like layout (one token per line, its tag in the last column,
 * sentences separated by blank lines), reduced to what the person-name evaluation needs: each token and whether it is
 * part of a person's name, with where each name starts.
 */
final class NerCorpus {
    /** One sentence: tokens, and per token {@code 'B'} (a name starts), {@code 'I'} (inside one) or {@code 'O'}. */
    record Sentence(List<String> tokens, char[] person) {
        boolean hasPerson() {
            for (char c : person) {
                if (c != 'O') {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Pattern SPACE = Pattern.compile("[ \t]+");
    private static final int MAX_SENTENCE = 60;

    private NerCorpus() {}

    /**
     * Reads a file. Lines starting with {@code # } or {@code -DOCSTART-} are skipped; a corpus without blank lines is
     * cut into sentences after {@code .}, {@code !} and {@code ?} (and every 60 tokens). Any tag naming PER or person,
     * in any case, marks a person; a {@code B-} tag or a person after a non-person starts a name (IOB1 and IOB2 alike).
     */
    static List<Sentence> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Sentence> sentences = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        StringBuilder tags = new StringBuilder();
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("# ") || l.startsWith("#\t") || l.startsWith("-DOCSTART-")) {
                continue;
            }
            if (l.isEmpty()) {
                flush(sentences, tokens, tags);
                continue;
            }
            String[] fields = SPACE.split(l);
            if (fields.length < 2) {
                continue;
            }
            String token = fields[0];
            String tag = fields[fields.length - 1].toUpperCase(java.util.Locale.ROOT);
            boolean person = tag.contains("PER");
            char previous = tags.isEmpty() ? 'O' : tags.charAt(tags.length() - 1);
            tags.append(person ? (tag.startsWith("B") || previous == 'O' ? 'B' : 'I') : 'O');
            tokens.add(token);
            boolean end = token.equals(".") || token.equals("!") || token.equals("?");
            if (end && !person || tokens.size() >= MAX_SENTENCE && !person) {
                flush(sentences, tokens, tags);
            }
        }
        flush(sentences, tokens, tags);
        return sentences;
    }

    private static void flush(List<Sentence> sentences, List<String> tokens, StringBuilder tags) {
        if (!tokens.isEmpty()) {
            sentences.add(new Sentence(List.copyOf(tokens), tags.toString().toCharArray()));
        }
        tokens.clear();
        tags.setLength(0);
    }

    /** Writes sentences as {@code token<TAB>B-PER|I-PER|O} lines with a blank line after each sentence. */
    static void write(Path file, List<Sentence> sentences) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Sentence s : sentences) {
            for (int k = 0; k < s.tokens().size(); k++) {
                char p = s.person()[k];
                b.append(s.tokens().get(k))
                        .append('\t')
                        .append(p == 'B' ? "B-PER" : p == 'I' ? "I-PER" : "O")
                        .append('\n');
            }
            b.append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }
}
