package dev.sovereign.residency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.internal.LocatedYaml;
import dev.sovereign.policy.CategoryPatterns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    private static final Set<String> DEPLOYMENT_KEYS = Set.of(
            "contracting_entity",
            "dpf",
            "subject_to_gdpr_art3_2",
            "bcrs",
            "remote_access",
            "measures",
            "subprocessors");
    private static final Set<String> MEASURE_KEYS =
            Set.of("encryption_in_transit", "encryption_at_rest", "keys_held_in", "zero_retention", "access_controls");
    private static final Pattern ART9 = Pattern.compile("9\\(2\\)\\([a-j]\\)");

    /** The organisation's representative in the Union under Art. 27. */
    public record Representative(String name, String country) {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern COUNTRY = Pattern.compile("[a-z]{2}");

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
            Representative representative = representative(root);
            Map<String, String> sites = sites(root);
            Map<String, DeploymentDeclaration> deployments = deployments(root);
            JsonNode list = root.path("workloads");
            if (list.isMissingNode() || list.isNull())
                return new Workloads(yaml.file(), establishment, List.of(), representative, sites, deployments);
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
            return new Workloads(yaml.file(), establishment, workloads, representative, sites, deployments);
        }

        private Representative representative(JsonNode root) {
            JsonNode r = root.get("representative");
            if (r == null || r.isNull()) return null;
            if (!r.isObject()) throw fail(root, "representative", "representative", "expected {name, country}");
            unknownKeys(r, "representative", Set.of("name", "country"));
            return new Representative(
                    text(r, "name", "representative.name", true),
                    country(r, "country", "representative.country", true));
        }

        private Map<String, String> sites(JsonNode root) {
            JsonNode s = root.get("sites");
            if (s == null || s.isNull()) return Map.of();
            if (!s.isObject()) throw fail(root, "sites", "sites", "expected a map of site name to country code");
            Map<String, String> out = new TreeMap<>();
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                out.put(name.strip().toLowerCase(Locale.ROOT), country(s, name, "sites." + name, true));
            }
            return out;
        }

        private Map<String, DeploymentDeclaration> deployments(JsonNode root) {
            JsonNode d = root.get("deployments");
            if (d == null || d.isNull()) return Map.of();
            if (!d.isObject()) throw fail(root, "deployments", "deployments", "expected a map of provider id to facts");
            Map<String, DeploymentDeclaration> out = new TreeMap<>();
            for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
                String id = it.next();
                out.put(id, deployment(d, id));
            }
            return out;
        }

        private DeploymentDeclaration deployment(JsonNode all, String id) {
            String at = "deployments." + id;
            JsonNode d = all.get(id);
            if (!d.isObject()) throw fail(all, id, at, "expected the deployment's facts (dpf, remote_access, …)");
            unknownKeys(d, at, DEPLOYMENT_KEYS);
            String entity = null;
            String entityCountry = null;
            JsonNode c = d.get("contracting_entity");
            if (c != null && !c.isNull()) {
                if (!c.isObject())
                    throw fail(d, "contracting_entity", at + ".contracting_entity", "expected {name, country}");
                unknownKeys(c, at + ".contracting_entity", Set.of("name", "country"));
                entity = text(c, "name", at + ".contracting_entity.name", true);
                entityCountry = country(c, "country", at + ".contracting_entity.country", true);
            }
            String dpf = null;
            if (d.has("dpf")) {
                dpf = text(d, "dpf", at + ".dpf", true);
                if (!DeploymentDeclaration.DPF_SCOPES.contains(dpf)) {
                    throw fail(
                            d,
                            "dpf",
                            at + ".dpf",
                            "'" + dpf + "' is not one of: " + String.join(", ", DeploymentDeclaration.DPF_SCOPES));
                }
            }
            Boolean art32 = bool(d, "subject_to_gdpr_art3_2", at);
            boolean bcrs = Boolean.TRUE.equals(bool(d, "bcrs", at));
            List<DeploymentDeclaration.RemoteAccess> access = new ArrayList<>();
            JsonNode ra = d.get("remote_access");
            if (ra != null && !ra.isNull()) {
                if (!ra.isArray())
                    throw fail(d, "remote_access", at + ".remote_access", "expected a list of {by, from}");
                for (int i = 0; i < ra.size(); i++) {
                    JsonNode x = ra.get(i);
                    String xat = at + ".remote_access[" + i + "]";
                    if (!x.isObject()) throw fail(ra, Integer.toString(i), xat, "expected {by, from}");
                    unknownKeys(x, xat, Set.of("by", "from"));
                    List<String> from = names(x, "from", xat, true);
                    for (String f : from) {
                        if (!COUNTRY.matcher(f).matches())
                            throw fail(x, "from", xat + ".from", "'" + f + "' is not a two-letter country code");
                    }
                    access.add(new DeploymentDeclaration.RemoteAccess(text(x, "by", xat + ".by", true), from));
                }
            }
            DeploymentDeclaration.Measures measures = DeploymentDeclaration.Measures.NONE;
            JsonNode m = d.get("measures");
            if (m != null && !m.isNull()) {
                String mat = at + ".measures";
                if (!m.isObject()) throw fail(d, "measures", mat, "expected {encryption_in_transit, …}");
                unknownKeys(m, mat, MEASURE_KEYS);
                String keys = null;
                if (m.has("keys_held_in")) {
                    keys = text(m, "keys_held_in", mat + ".keys_held_in", true).toLowerCase(Locale.ROOT);
                    if (!keys.equals("customer") && !COUNTRY.matcher(keys).matches()) {
                        throw fail(
                                m,
                                "keys_held_in",
                                mat + ".keys_held_in",
                                "'" + keys + "' is not customer or a two-letter country code");
                    }
                }
                measures = new DeploymentDeclaration.Measures(
                        bool(m, "encryption_in_transit", mat),
                        bool(m, "encryption_at_rest", mat),
                        keys,
                        bool(m, "zero_retention", mat),
                        m.has("access_controls") ? text(m, "access_controls", mat + ".access_controls", true) : null);
            }
            List<DeploymentDeclaration.Subprocessor> subs = new ArrayList<>();
            JsonNode sp = d.get("subprocessors");
            if (sp != null && !sp.isNull()) {
                if (!sp.isArray())
                    throw fail(d, "subprocessors", at + ".subprocessors", "expected a list of {name, country}");
                for (int i = 0; i < sp.size(); i++) {
                    JsonNode x = sp.get(i);
                    String xat = at + ".subprocessors[" + i + "]";
                    if (!x.isObject()) throw fail(sp, Integer.toString(i), xat, "expected {name, country, purpose}");
                    unknownKeys(x, xat, Set.of("name", "country", "purpose"));
                    subs.add(new DeploymentDeclaration.Subprocessor(
                            text(x, "name", xat + ".name", true),
                            country(x, "country", xat + ".country", true),
                            x.has("purpose") ? text(x, "purpose", xat + ".purpose", true) : null));
                }
            }
            String where = yaml.file() + ":" + yaml.line(all, id);
            return new DeploymentDeclaration(
                    id, where, entity, entityCountry, dpf, art32, bcrs, access, measures, subs);
        }

        private String text(JsonNode node, String key, String at, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) throw fail(node, at, "required: a text");
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) throw fail(node, key, at, "expected a text");
            return v.asText().strip();
        }

        private String country(JsonNode node, String key, String at, boolean required) {
            JsonNode v = node.get(key);
            if (v != null && v.isBoolean()) {
                throw fail(node, key, at, "YAML reads this as " + v.asText() + "; quote a country code such as 'no'");
            }
            String c = text(node, key, at, required);
            if (c == null) return null;
            c = c.toLowerCase(Locale.ROOT);
            if (!COUNTRY.matcher(c).matches())
                throw fail(node, key, at, "'" + c + "' is not a two-letter country code");
            return c;
        }

        private Boolean bool(JsonNode node, String key, String at) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) return null;
            if (!v.isBoolean()) throw fail(node, key, at + "." + key, "expected true or false");
            return v.asBoolean();
        }

        private Declarations declarations(JsonNode w, String at) {
            Boolean personal = bool(w, "personal_data", at);
            String art9 = null;
            if (w.has("art9_condition")) {
                art9 = text(w, "art9_condition", at + ".art9_condition", true).replace(" ", "");
                if (art9.startsWith("Art.")) art9 = art9.substring(4);
                if (!ART9.matcher(art9).matches()) {
                    throw fail(
                            w,
                            "art9_condition",
                            at + ".art9_condition",
                            "'" + w.get("art9_condition").asText() + "' is not an Art. 9(2) condition (9(2)(a) to"
                                    + " 9(2)(j))");
                }
            }
            LocalDate tia = null;
            if (w.has("transfer_impact_assessment")) {
                String t = text(w, "transfer_impact_assessment", at + ".transfer_impact_assessment", true);
                try {
                    tia = LocalDate.parse(t);
                } catch (DateTimeParseException e) {
                    throw fail(
                            w,
                            "transfer_impact_assessment",
                            at + ".transfer_impact_assessment",
                            "'" + t + "' is not a date (YYYY-MM-DD): the day the assessment was completed");
                }
            }
            Declarations.Derogation derogation = null;
            JsonNode d = w.get("derogation");
            if (d != null && !d.isNull()) {
                String dat = at + ".derogation";
                if (!d.isObject()) throw fail(w, "derogation", dat, "expected {point, frequency}");
                unknownKeys(d, dat, Set.of("point", "frequency"));
                String point = text(d, "point", dat + ".point", true).toLowerCase(Locale.ROOT);
                if (!point.matches("[a-g]")) {
                    throw fail(d, "point", dat + ".point", "'" + point + "' is not a point of Art. 49(1) (a to g)");
                }
                String frequency =
                        text(d, "frequency", dat + ".frequency", true).toLowerCase(Locale.ROOT);
                if (!frequency.equals("occasional") && !frequency.equals("regular")) {
                    throw fail(
                            d,
                            "frequency",
                            dat + ".frequency",
                            "'" + frequency + "' is not one of: occasional, regular");
                }
                derogation = new Declarations.Derogation(point, frequency);
            }
            boolean employee = Boolean.TRUE.equals(bool(w, "employee_data", at));
            return new Declarations(personal == null || personal, art9, tia, derogation, employee);
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
                if (!CategoryPatterns.valid(c) || c.equals("*")) {
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
            return new Workload(
                    name, description, categories, subjects, residency, role, mechanisms, true, declarations(w, at));
        }

        /** A pattern is known when it names a known category, or a family with at least one known category. */
        private boolean known(String pattern) {
            for (String k : known) if (CategoryPatterns.matches(pattern, k)) return true;
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
