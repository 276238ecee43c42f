package dev.sovereign.residency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.config.internal.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The workloads an organisation declares in {@code workloads.yaml} in its configuration directory, checked at load.
 * There is no built-in file: without one, the assessment covers the workloads the policy and the trail name, with
 * unknown requirements.
 *
 * <pre>{@code
 * establishment: eu                 # where the organisation is established: eu, eea or a country code (default eu)
 * workloads:
 *   - name: hr-assistant            # as the client keys name it (sovereign.yaml keys[].workload)
 *     description: HR questions from employees
 *     categories: [pii.*, special.health]   # names or families, of the built-in categories or the policy's
 *     data_subjects: [eu]           # eu, eea, any, or country codes
 *     residency: eu                 # eu, eea, none, or a country code: where the data must be processed
 *     role: controller              # controller or processor
 *     transfer_mechanisms: [sccs]   # optional: sccs, bcrs, dpf, code_of_conduct, certification
 * }</pre>
 *
 * <p>Every problem is a {@link WorkloadsException} naming the file, the line and the setting. Immutable.
 *
 * @param file where the workloads came from, or {@code null} when there is no file
 */
public record Workloads(String file, String establishment, List<Workload> workloads) {
    public static final String FILE = "workloads.yaml";

    /** The Chapter V mechanisms a workload may list. */
    public static final List<String> MECHANISMS = List.of("sccs", "bcrs", "dpf", "code_of_conduct", "certification");

    private static final Set<String> TOP_KEYS = Set.of("establishment", "workloads");
    private static final Set<String> WORKLOAD_KEYS =
            Set.of("name", "description", "categories", "data_subjects", "residency", "role", "transfer_mechanisms");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern COUNTRY = Pattern.compile("[a-z]{2}");

    public Workloads {
        workloads = List.copyOf(workloads);
    }

    /** No file: no workload declared, establishment in the EU. */
    public static Workloads none() {
        return new Workloads(null, "eu", List.of());
    }

    public Optional<Workload> find(String name) {
        return workloads.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /**
     * Reads {@code file} when it exists, else {@link #none()}.
     *
     * @param categories the categories a workload may name: the built-in ones and those the policy names
     * @throws WorkloadsException when the file cannot be read or is not valid
     */
    public static Workloads load(Path file, Collection<String> categories) {
        if (!Files.exists(file)) return none();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkloadsException(file + ": cannot be read: " + e.getMessage());
        }
        return parse(file.toString(), text, categories);
    }

    /** Parses the text of a workloads file; see {@link #load}. */
    public static Workloads parse(String file, String text, Collection<String> categories) {
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.parse(file, text);
        } catch (LocatedYaml.SyntaxError e) {
            throw new WorkloadsException(e.getMessage());
        }
        return new Reader(yaml, Set.copyOf(categories)).read();
    }

    /** One pass over the tree, failing at the first problem with its line. */
    private record Reader(LocatedYaml yaml, Set<String> known) {
        Workloads read() {
            JsonNode root = yaml.root();
            if (root.isMissingNode() || root.isNull()) return new Workloads(yaml.file(), "eu", List.of());
            if (!root.isObject()) throw fail(root, "(top level)", "expected establishment and workloads");
            unknownKeys(root, "", TOP_KEYS);
            String establishment = "eu";
            if (root.has("establishment")) {
                establishment = place(root, "establishment", "establishment", false);
            }
            JsonNode list = root.path("workloads");
            if (list.isMissingNode() || list.isNull()) return new Workloads(yaml.file(), establishment, List.of());
            if (!list.isArray()) throw fail(root, "workloads", "workloads", "expected a list of workloads");
            List<Workload> workloads = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Workload w = workload(list, i);
                if (!names.add(w.name())) {
                    throw fail(
                            list.get(i),
                            "name",
                            "workloads[" + i + "] (" + w.name() + ").name",
                            "another workload has the name '" + w.name() + "'");
                }
                workloads.add(w);
            }
            return new Workloads(yaml.file(), establishment, workloads);
        }

        private Workload workload(JsonNode list, int i) {
            JsonNode w = list.get(i);
            String at = "workloads[" + i + "]";
            if (!w.isObject()) throw fail(list, Integer.toString(i), at, "expected {name, categories, …}");
            JsonNode nameNode = w.get("name");
            if (nameNode == null
                    || !nameNode.isTextual()
                    || !NAME.matcher(nameNode.asText()).matches()) {
                throw fail(w, "name", at + ".name", "required: the workload's name as its client keys give it");
            }
            String name = nameNode.asText();
            at = at + " (" + name + ")";
            unknownKeys(w, at, WORKLOAD_KEYS);
            String description = null;
            if (w.hasNonNull("description")) {
                if (!w.get("description").isTextual())
                    throw fail(w, "description", at + ".description", "expected text");
                description = w.get("description").asText().strip();
            }
            List<String> categories = names(w, "categories", at, true);
            for (String c : categories) {
                if (!CategoryPattern.valid(c) || c.equals("*")) {
                    throw fail(
                            w,
                            "categories",
                            at + ".categories",
                            "'" + c + "' is not a category or family (pii.email, special.*)");
                }
                if (!known(c)) {
                    throw fail(
                            w,
                            "categories",
                            at + ".categories",
                            "'" + c + "' is not a built-in category or one the policy names"
                                    + (c.endsWith(".*") ? "" : suggestion(c)));
                }
            }
            List<String> subjects = names(w, "data_subjects", at, true);
            for (String s : subjects) {
                if (!s.equals("eu")
                        && !s.equals("eea")
                        && !s.equals("any")
                        && !COUNTRY.matcher(s).matches()) {
                    throw fail(
                            w,
                            "data_subjects",
                            at + ".data_subjects",
                            "'" + s + "' is not eu, eea, any or a two-letter country code");
                }
            }
            if (!w.has("residency")) {
                throw fail(
                        w, at + ".residency", "required: eu, eea, none or a country code (where it must be processed)");
            }
            String residency = place(w, "residency", at + ".residency", true);
            JsonNode roleNode = w.get("role");
            if (roleNode == null || !roleNode.isTextual()) {
                throw fail(w, "role", at + ".role", "required: controller or processor");
            }
            Workload.Role role;
            try {
                role = Workload.Role.valueOf(roleNode.asText().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail(w, "role", at + ".role", "'" + roleNode.asText() + "' is not one of: controller, processor");
            }
            List<String> mechanisms = names(w, "transfer_mechanisms", at, false);
            for (String m : mechanisms) {
                if (!MECHANISMS.contains(m)) {
                    throw fail(
                            w,
                            "transfer_mechanisms",
                            at + ".transfer_mechanisms",
                            "'" + m + "' is not one of: " + String.join(", ", MECHANISMS));
                }
            }
            return new Workload(name, description, categories, subjects, residency, role, mechanisms, true);
        }

        /** A pattern is known when it names a known category, or a family with at least one known category. */
        private boolean known(String pattern) {
            for (String k : known) if (CategoryPattern.matches(pattern, k)) return true;
            return false;
        }

        private String suggestion(String category) {
            int dot = category.indexOf('.');
            String family = dot < 0 ? category : category.substring(0, dot);
            boolean familyKnown = known.stream().anyMatch(k -> k.startsWith(family + "."));
            return familyKnown ? " (for the whole family: " + family + ".*)" : "";
        }

        private String place(JsonNode node, String key, String at, boolean noneAllowed) {
            JsonNode v = node.get(key);
            String text = v == null || !v.isTextual() ? "" : v.asText().strip().toLowerCase(Locale.ROOT);
            if (text.equals("eu") || text.equals("eea") || COUNTRY.matcher(text).matches()) return text;
            if (noneAllowed && text.equals("none")) return text;
            throw fail(
                    node,
                    key,
                    at,
                    "'" + (v == null ? "" : v.asText()) + "' is not eu, eea, " + (noneAllowed ? "none, " : "")
                            + "or a two-letter country code");
        }

        private List<String> names(JsonNode node, String key, String at, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) throw fail(node, at + "." + key, "required: a list");
                return List.of();
            }
            if (v.isTextual()) return List.of(v.asText().strip());
            if (!v.isArray()) throw fail(node, key, at + "." + key, "expected a list of names");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode x = v.get(i);
                if (x.isBoolean()) {
                    throw fail(
                            v,
                            Integer.toString(i),
                            at + "." + key + "[" + i + "]",
                            "YAML reads this as " + x.asText() + "; quote a country code such as 'no' (Norway)");
                }
                if (!x.isTextual() || x.asText().isBlank())
                    throw fail(v, Integer.toString(i), at + "." + key + "[" + i + "]", "expected a name");
                out.add(x.asText().strip());
            }
            if (required && out.isEmpty()) throw fail(node, key, at + "." + key, "list at least one");
            return out;
        }

        private void unknownKeys(JsonNode node, String at, Set<String> expected) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!expected.contains(k)) {
                    throw fail(
                            node,
                            k,
                            at.isEmpty() ? k : at + "." + k,
                            "unknown setting '" + k + "'; expected one of: "
                                    + String.join(
                                            ", ", expected.stream().sorted().toList()));
                }
            }
        }

        private WorkloadsException fail(JsonNode container, String setting, String problem) {
            return new WorkloadsException(yaml.message(container, setting, problem));
        }

        private WorkloadsException fail(JsonNode container, String key, String setting, String problem) {
            return new WorkloadsException(yaml.message(container, key, setting, problem));
        }
    }
}
