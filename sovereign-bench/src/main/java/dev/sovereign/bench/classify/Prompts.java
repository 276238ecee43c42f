package dev.sovereign.bench.classify;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Benchmark inputs, deterministic: realistic mixed prompts (chat prose in six languages, code, JSON) with about one
 * sensitive value per KB, and clean prose with no candidate at all.
 */
public final class Prompts {
    private static final List<String> PROSE = List.of(
            "Could you summarise the attached meeting notes and list the action items for next week? ",
            "The quarterly report shows steady growth in the northern region, but costs rose faster than planned. ",
            "Peux-tu reformuler ce paragraphe pour qu'il soit plus clair et plus concis pour nos clients ? ",
            "Wir brauchen eine kurze Zusammenfassung des Vertrags, insbesondere der Kündigungsfristen. ",
            "¿Puedes traducir este correo al inglés manteniendo un tono formal y cordial? ",
            "Potresti spiegare la differenza tra questi due approcci e consigliare quello migliore? ",
            "Kun je deze tekst nakijken op spelfouten en de structuur wat verbeteren? ",
            "Please write unit tests for the following function and explain the edge cases you cover. ",
            "The deployment failed again last night, see the log excerpt below for the stack trace. ",
            "Our onboarding guide needs a friendlier introduction and a short checklist at the end. ");
    private static final List<String> CODE = List.of("""
            ```java
            public List<Order> recent(int limit) {
                return orders.stream().sorted(comparing(Order::createdAt).reversed()).limit(limit).toList();
            }
            ```
            """, """
            ```python
            def retry(fn, attempts=3, delay=0.5):
                for i in range(attempts):
                    try:
                        return fn()
                    except TimeoutError:
                        time.sleep(delay * (2 ** i))
            ```
            """, """
            {"status": "ok", "items": [{"sku": "A-1042", "qty": 3, "price": 19.99}, {"sku": "B-77", "qty": 1}],
             "updated": "2025-03-14T09:26:53Z", "version": "2.14.1", "trace": "5f0c9d2e-8b1a-4c3e-9f77-1e2d3c4b5a69"}
            """);

    private Prompts() {}

    /** About {@code size} chars of mixed prompt with one labelled value per ~1 KB. */
    public static String mixed(int size, long seed) {
        Random random = new Random(seed);
        List<Corpus.Document> values = new Corpus(seed)
                .documents(size / 200 + 10).stream()
                        .filter(d -> !d.labels().isEmpty())
                        .toList();
        StringBuilder b = new StringBuilder(size + 1024);
        int nextValue = 1024;
        int v = 0;
        while (b.length() < size) {
            int kind = random.nextInt(10);
            b.append(kind < 7 ? PROSE.get(random.nextInt(PROSE.size())) : CODE.get(random.nextInt(CODE.size())));
            if (b.length() >= nextValue) {
                b.append(values.get(v++ % values.size()).text()).append(' ');
                nextValue += 1024;
            }
        }
        b.setLength(size);
        return b.toString();
    }

    /** About {@code size} chars of prose in which nothing is a candidate. */
    public static String clean(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(size + 256);
        while (b.length() < size) {
            b.append(PROSE.get(random.nextInt(PROSE.size())));
        }
        b.setLength(size);
        return b.toString();
    }

    public static void main(String[] args) {
        for (String name : List.of("mixed", "clean")) {
            String text = name.equals("mixed") ? mixed(65_536, 1) : clean(65_536, 1);
            System.out.printf(
                    "%s: %d chars, %d UTF-8 bytes, %d findings%n",
                    name,
                    text.length(),
                    text.getBytes(StandardCharsets.UTF_8).length,
                    dev.sovereign.classify.Classifier.defaults().scan(text).size());
        }
    }
}
