package dev.sovereign.residency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.config.yaml.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *     personal_data: true           # optional: false when the workload carries no personal data
 *     art9_condition: 9(2)(h)       # optional: the Art. 9(2) condition for its special categories
 *     transfer_impact_assessment: 2026-03-02   # optional: the day the TIA was completed
 *     derogation: {point: b, frequency: occasional}   # optional: an Art. 49(1) derogation relied on
 *     employee_data: false          # optional: true for HR data (the DPF covers it only with an HR certification)
 * representative: {name: EU Rep GmbH, country: de}   # Art. 27, for an organisation established outside the EU
 * sites: {fra-dc1: de}              # the organisation's own sites, as provider regions, with their country
 * deployments:                      # per provider id: the importer's facts a data-protection officer declares
 *   anthropic:
 *     contracting_entity: {name: "Anthropic Ireland, Limited", country: ie}
 *     dpf: non_hr                   # none, non_hr, hr, hr_and_non_hr
 *     subject_to_gdpr_art3_2: false
 *     bcrs: false
 *     remote_access: [{by: provider support, from: [us]}]
 *     measures: {encryption_in_transit: true, encryption_at_rest: true, keys_held_in: customer,
 *                zero_retention: true, access_controls: named engineers only}
 *     subprocessors: [{name: Amazon Web Services, country: us, purpose: hosting}]
 * }</pre>
 *
 * <p>Every problem is a {@link WorkloadsException} naming the file, the line and the setting. Immutable.
 *
 * @param file where the workloads came from, or {@code null} when there is no file
 * @param representative the organisation's representative in the Union (Art. 27), or {@code null}
 * @param sites the organisation's own sites by name (as a provider's region), with their country
 * @param deployments the declarations of provider deployments, by provider id
 */
public record Workloads(
        String file,
        String establishment,
        List<Workload> workloads,
        Representative representative,
        Map<String, String> sites,
        Map<String, DeploymentDeclaration> deployments) {
    public static final String FILE = "workloads.yaml";

    /** The Chapter V mechanisms a workload may list. */
    public static final List<String> MECHANISMS = List.of("sccs", "bcrs", "dpf", "code_of_conduct", "certification");

    private static final Set<String> TOP_KEYS =
            Set.of("establishment", "workloads", "representative", "sites", "deployments");
    private static final Set<String> WORKLOAD_KEYS = Set.of(
            "name",
            "description",
            "categories",
            "data_subjects",
            "residency",
            "role",
            "transfer_mechanisms",
            "personal_data",
            "art9_condition",
            "transfer_impact_assessment",
            "derogation",
            "employee_data");
    /** The organisation's representative in the Union under Art. 27. */
    public record Representative(String name, String country) {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern COUNTRY = YamlSettings.COUNTRY;

    public Workloads {
        workloads = List.copyOf(workloads);
        sites = Map.copyOf(sites);
        deployments = Map.copyOf(deployments);
    }

    /** Workloads with no representative, site or deployment declared. */
    public Workloads(String file, String establishment, List<Workload> workloads) {
        this(file, establishment, workloads, null, Map.of(), Map.of());
    }

    /** No file: no workload declared, establishment in the EU. */
    public static Workloads none() {
        return new Workloads(null, "eu", List.of());
    }

    /**
     * Checks that every declared deployment names a configured provider, so that a misspelt id does not leave its
     * declarations silently unused.
     *
     * @throws WorkloadsException naming the file and line of the first declaration of an unknown provider
     */
    public void checkDeployments(java.util.Collection<String> providerIds) {
        for (DeploymentDeclaration d : deployments.values()) {
            if (!providerIds.contains(d.provider())) {
                throw new WorkloadsException(d.at() + ": deployments." + d.provider() + ": no provider '"
                        + d.provider() + "' is configured (providers: "
                        + String.join(", ", providerIds.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The declaration of a provider deployment, if any. */
    public Optional<DeploymentDeclaration> deployment(String provider) {
        return Optional.ofNullable(provider == null ? null : deployments.get(provider));
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
    private static final class Reader {
        private final YamlSettings s;
        private final Set<String> known;
        private final DeclarationReader declarations;

        Reader(LocatedYaml yaml, Set<String> known) {
            this.s = new YamlSettings(yaml);
            this.known = known;
            this.declarations = new DeclarationReader(s);
        }

        Workloads read() {
            JsonNode root = s.yaml().root();
            if (root.isMissingNode() || root.isNull())
                return new Workloads(s.yaml().file(), "eu", List.of());
            if (!root.isObject()) throw s.fail(root, "(top level)", "expected establishment and workloads");
            s.unknownKeys(root, "", TOP_KEYS);
            String establishment = "eu";
            if (root.has("establishment")) {
                establishment = place(root, "establishment", "establishment", false);
            }
            Representative representative = declarations.representative(root);
            Map<String, String> sites = declarations.sites(root);
            Map<String, DeploymentDeclaration> deployments = declarations.deployments(root);
            JsonNode list = root.path("workloads");
            if (list.isMissingNode() || list.isNull())
                return new Workloads(s.yaml().file(), establishment, List.of(), representative, sites, deployments);
            if (!list.isArray()) throw s.fail(root, "workloads", "workloads", "expected a list of workloads");
            List<Workload> workloads = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Workload w = workload(list, i);
                if (!names.add(w.name())) {
                    throw s.fail(
                            list.get(i),
                            "name",
                            "workloads[" + i + "] (" + w.name() + ").name",
                            "another workload has the name '" + w.name() + "'");
                }
                workloads.add(w);
            }
            return new Workloads(s.yaml().file(), establishment, workloads, representative, sites, deployments);
        }

        private Workload workload(JsonNode list, int i) {
            JsonNode w = list.get(i);
            String at = "workloads[" + i + "]";
            if (!w.isObject()) throw s.fail(list, Integer.toString(i), at, "expected {name, categories, …}");
            JsonNode nameNode = w.get("name");
            if (nameNode == null
                    || !nameNode.isTextual()
                    || !NAME.matcher(nameNode.asText()).matches()) {
                throw s.fail(w, "name", at + ".name", "required: the workload's name as its client keys give it");
            }
            String name = nameNode.asText();
            at = at + " (" + name + ")";
            s.unknownKeys(w, at, WORKLOAD_KEYS);
            String description = null;
            if (w.hasNonNull("description")) {
                if (!w.get("description").isTextual())
                    throw s.fail(w, "description", at + ".description", "expected text");
                description = w.get("description").asText().strip();
            }
            List<String> categories = s.names(w, "categories", at, true);
            for (String c : categories) {
                if (c.equals("*")) {
                    throw s.fail(
                            w,
                            "categories",
                            at + ".categories",
                            "'*' is not a category or family: name them (pii.email, special.*)");
                }
                java.util.Optional<String> problem = CategoryPattern.problem(c);
                if (problem.isPresent()) {
                    throw s.fail(
                            w,
                            "categories",
                            at + ".categories",
                            CategoryPattern.FAMILIES.contains(c)
                                    ? problem.get()
                                    : "'" + c + "' is not a category or family (pii.email, special.*)");
                }
                if (!known(c)) {
                    throw s.fail(
                            w,
                            "categories",
                            at + ".categories",
                            "'" + c + "' is not a built-in category or one the policy names"
                                    + (c.endsWith(".*") ? "" : suggestion(c)));
                }
            }
            List<String> subjects = s.names(w, "data_subjects", at, true);
            for (String subject : subjects) {
                if (!subject.equals("eu")
                        && !subject.equals("eea")
                        && !subject.equals("any")
                        && !COUNTRY.matcher(subject).matches()) {
                    throw s.fail(
                            w,
                            "data_subjects",
                            at + ".data_subjects",
                            "'" + subject + "' is not eu, eea, any or a two-letter country code");
                }
            }
            if (!w.has("residency")) {
                throw s.fail(
                        w, at + ".residency", "required: eu, eea, none or a country code (where it must be processed)");
            }
            String residency = place(w, "residency", at + ".residency", true);
            JsonNode roleNode = w.get("role");
            if (roleNode == null || !roleNode.isTextual()) {
                throw s.fail(w, "role", at + ".role", "required: controller or processor");
            }
            Workload.Role role;
            try {
                role = Workload.Role.valueOf(roleNode.asText().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw s.fail(
                        w, "role", at + ".role", "'" + roleNode.asText() + "' is not one of: controller, processor");
            }
            List<String> mechanisms = s.names(w, "transfer_mechanisms", at, false);
            for (String m : mechanisms) {
                if (!MECHANISMS.contains(m)) {
                    throw s.fail(
                            w,
                            "transfer_mechanisms",
                            at + ".transfer_mechanisms",
                            "'" + m + "' is not one of: " + String.join(", ", MECHANISMS));
                }
            }
            return new Workload(
                    name,
                    description,
                    categories,
                    subjects,
                    residency,
                    role,
                    mechanisms,
                    true,
                    declarations.workload(w, at));
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
            throw s.fail(
                    node,
                    key,
                    at,
                    "'" + (v == null ? "" : v.asText()) + "' is not eu, eea, " + (noneAllowed ? "none, " : "")
                            + "or a two-letter country code");
        }
    }
}
