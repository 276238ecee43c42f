package dev.sovereign.classify;

import dev.sovereign.classify.internal.Kind;
import java.util.Set;
import java.util.TreeSet;

/** The categories the built-in detectors can report, for tools that reason over all of them (policy checks). */
public final class Categories {
    /** GDPR Art. 9 special categories, from the term dictionaries. */
    public static final Set<String> SPECIAL = Set.of(
            "special.health",
            "special.biometric",
            "special.genetic",
            "special.ethnic_origin",
            "special.political",
            "special.religion",
            "special.trade_union",
            "special.sexual_orientation");

    private Categories() {}

    /** Every category a default {@link Classifier} may report, sorted; labels and custom detectors excluded. */
    public static Set<String> builtIn() {
        Set<String> all = new TreeSet<>(SPECIAL);
        for (Kind k : Kind.values()) all.add(k.category);
        all.add(Classifier.BINARY);
        return all;
    }
}
