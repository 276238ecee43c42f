package dev.sovereign.bench.classify;

import dev.sovereign.classify.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The custom detectors of the benchmark: 1,000 project code names (keywords) and 100 regular expressions of the kind an
 * organisation writes for its own identifiers. Ten families of ten, with different prefixes, digit counts and
 * separators per department, so that no two patterns are the same.
 */
final class CustomDetectors {
    private static final String[] TICKETS = {"INC", "CHG", "PRB", "REQ", "RITM", "TASK", "SCTASK", "KB", "CS", "HR"};
    private static final String[] ORGS = {
        "ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI", "STARK", "WAYNE", "TYRELL", "CYBERDYNE", "SOYLENT"
    };
    private static final String[] SITES = {"par", "fra", "ams", "mad", "mil", "bru", "waw", "sto", "cph", "hel"};

    private CustomDetectors() {}

    /** The 100 patterns, family by family. */
    static List<String> patterns() {
        List<String> p = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            // customer and contract numbers with the company prefix: ACME-123456, GLOBEX-1234567
            p.add(ORGS[k] + "-\\d{" + (6 + k % 3) + "}");
            // service-desk tickets: INC0012345
            p.add("\\b" + TICKETS[k] + "\\d{7}\\b");
            // project codes: PRJ2024-FR, PRJ1234-AB
            p.add("\\bP" + (char) ('A' + k) + "J[0-9]{4}-[A-Z]{2}\\b");
            // employee numbers without a literal: two letters and six digits, or a letter and seven digits
            p.add(k < 5 ? "\\b[A-Z]{2}" + (char) ('0' + k) + "\\d{5}\\b" : "\\b[" + (char) ('A' + k) + "-Z]\\d{7}\\b");
            // internal host names: srv-par-01.acme.internal
            p.add("\\bsrv-" + SITES[k] + "-\\d{2}\\." + ORGS[k].toLowerCase() + "\\.internal\\b");
            // cost centres and budget lines: CC-1234/56
            p.add("\\bCC" + k + "-\\d{4}/\\d{2}\\b");
            // contract references with dates: CTR/2024/00123
            p.add("\\b" + (char) ('A' + k) + "CTR/20\\d{2}/\\d{5}\\b");
            // case-insensitive code words followed by a number: "Project Falcon 7"
            p.add("(?i)\\bproject[ -]"
                    + new String[] {
                                "falcon", "osprey", "kestrel", "merlin", "harrier", "condor", "eagle", "heron", "ibis",
                                "kite"
                            }
                            [k]
                    + "\\b");
            // internal git and storage locations
            p.add("git@gitlab\\." + ORGS[k].toLowerCase() + "\\.internal:[\\w./-]+\\.git");
            // badge and asset tags with a check letter: AT-12-34567-K
            p.add("\\b[A-Z]{2}-" + (10 + k) + "-\\d{5}-[A-Z]\\b");
        }
        return p;
    }

    /** The 1,000 keywords: made-up project code names (four syllables and a number). */
    static List<String> keywords() {
        Random random = new Random(7);
        String[] parts = "ka ro mi tu ne sa lo vi de ba".split(" ");
        List<String> keywords = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < 4; s++) {
                w.append(parts[random.nextInt(parts.length)]);
            }
            keywords.add(w.toString() + k);
        }
        return keywords;
    }

    /** The defaults plus these detectors. */
    static Classifier classifier() {
        Classifier.Builder builder = Classifier.builder().keywords("codenames", keywords());
        List<String> patterns = patterns();
        for (int k = 0; k < patterns.size(); k++) {
            builder.pattern("internal_id_" + k, patterns.get(k));
        }
        return builder.build();
    }
}
