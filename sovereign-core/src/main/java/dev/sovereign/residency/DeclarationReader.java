package dev.sovereign.residency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.residency.Workloads.Representative;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads what a data-protection officer declares in {@code workloads.yaml}: the representative, the organisation's
 * sites, each deployment's importer facts ({@code deployments:}) and each workload's declarations. Every problem is a
 * {@link WorkloadsException} naming the file, the line and the setting.
 */
final class DeclarationReader {
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
    private static final Pattern COUNTRY = YamlSettings.COUNTRY;

    private final YamlSettings s;

    DeclarationReader(YamlSettings s) {
        this.s = s;
    }

    Representative representative(JsonNode root) {
        JsonNode r = root.get("representative");
        if (r == null || r.isNull()) return null;
        if (!r.isObject()) throw s.fail(root, "representative", "representative", "expected {name, country}");
        s.unknownKeys(r, "representative", Set.of("name", "country"));
        return new Representative(
                s.text(r, "name", "representative.name", true),
                s.country(r, "country", "representative.country", true));
    }

    Map<String, String> sites(JsonNode root) {
        JsonNode sites = root.get("sites");
        if (sites == null || sites.isNull()) return Map.of();
        if (!sites.isObject()) throw s.fail(root, "sites", "sites", "expected a map of site name to country code");
        Map<String, String> out = new TreeMap<>();
        for (Iterator<String> it = sites.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.put(name.strip().toLowerCase(Locale.ROOT), s.country(sites, name, "sites." + name, true));
        }
        return out;
    }

    Map<String, DeploymentDeclaration> deployments(JsonNode root) {
        JsonNode d = root.get("deployments");
        if (d == null || d.isNull()) return Map.of();
        if (!d.isObject()) throw s.fail(root, "deployments", "deployments", "expected a map of provider id to facts");
        Map<String, DeploymentDeclaration> out = new TreeMap<>();
        for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            out.put(id, deployment(d, id));
        }
        return out;
    }

    DeploymentDeclaration deployment(JsonNode all, String id) {
        String at = "deployments." + id;
        JsonNode d = all.get(id);
        if (!d.isObject()) throw s.fail(all, id, at, "expected the deployment's facts (dpf, remote_access, …)");
        s.unknownKeys(d, at, DEPLOYMENT_KEYS);
        String entity = null;
        String entityCountry = null;
        JsonNode c = d.get("contracting_entity");
        if (c != null && !c.isNull()) {
            if (!c.isObject())
                throw s.fail(d, "contracting_entity", at + ".contracting_entity", "expected {name, country}");
            s.unknownKeys(c, at + ".contracting_entity", Set.of("name", "country"));
            entity = s.text(c, "name", at + ".contracting_entity.name", true);
            entityCountry = s.country(c, "country", at + ".contracting_entity.country", true);
        }
        String dpf = null;
        if (d.has("dpf")) {
            dpf = s.text(d, "dpf", at + ".dpf", true);
            if (!DeploymentDeclaration.DPF_SCOPES.contains(dpf)) {
                throw s.fail(
                        d,
                        "dpf",
                        at + ".dpf",
                        "'" + dpf + "' is not one of: " + String.join(", ", DeploymentDeclaration.DPF_SCOPES));
            }
        }
        Boolean art32 = s.bool(d, "subject_to_gdpr_art3_2", at);
        boolean bcrs = Boolean.TRUE.equals(s.bool(d, "bcrs", at));
        List<DeploymentDeclaration.RemoteAccess> access = new ArrayList<>();
        JsonNode ra = d.get("remote_access");
        if (ra != null && !ra.isNull()) {
            if (!ra.isArray()) throw s.fail(d, "remote_access", at + ".remote_access", "expected a list of {by, from}");
            for (int i = 0; i < ra.size(); i++) {
                JsonNode x = ra.get(i);
                String xat = at + ".remote_access[" + i + "]";
                if (!x.isObject()) throw s.fail(ra, Integer.toString(i), xat, "expected {by, from}");
                s.unknownKeys(x, xat, Set.of("by", "from"));
                List<String> from = s.names(x, "from", xat, true);
                for (String f : from) {
                    if (!COUNTRY.matcher(f).matches())
                        throw s.fail(x, "from", xat + ".from", "'" + f + "' is not a two-letter country code");
                }
                access.add(new DeploymentDeclaration.RemoteAccess(s.text(x, "by", xat + ".by", true), from));
            }
        }
        DeploymentDeclaration.Measures measures = DeploymentDeclaration.Measures.NONE;
        JsonNode m = d.get("measures");
        if (m != null && !m.isNull()) {
            String mat = at + ".measures";
            if (!m.isObject()) throw s.fail(d, "measures", mat, "expected {encryption_in_transit, …}");
            s.unknownKeys(m, mat, MEASURE_KEYS);
            String keys = null;
            if (m.has("keys_held_in")) {
                keys = s.text(m, "keys_held_in", mat + ".keys_held_in", true).toLowerCase(Locale.ROOT);
                if (!keys.equals("customer") && !COUNTRY.matcher(keys).matches()) {
                    throw s.fail(
                            m,
                            "keys_held_in",
                            mat + ".keys_held_in",
                            "'" + keys + "' is not customer or a two-letter country code");
                }
            }
            measures = new DeploymentDeclaration.Measures(
                    s.bool(m, "encryption_in_transit", mat),
                    s.bool(m, "encryption_at_rest", mat),
                    keys,
                    s.bool(m, "zero_retention", mat),
                    m.has("access_controls") ? s.text(m, "access_controls", mat + ".access_controls", true) : null);
        }
        List<DeploymentDeclaration.Subprocessor> subs = new ArrayList<>();
        JsonNode sp = d.get("subprocessors");
        if (sp != null && !sp.isNull()) {
            if (!sp.isArray())
                throw s.fail(d, "subprocessors", at + ".subprocessors", "expected a list of {name, country}");
            for (int i = 0; i < sp.size(); i++) {
                JsonNode x = sp.get(i);
                String xat = at + ".subprocessors[" + i + "]";
                if (!x.isObject()) throw s.fail(sp, Integer.toString(i), xat, "expected {name, country, purpose}");
                s.unknownKeys(x, xat, Set.of("name", "country", "purpose"));
                subs.add(new DeploymentDeclaration.Subprocessor(
                        s.text(x, "name", xat + ".name", true),
                        s.country(x, "country", xat + ".country", true),
                        x.has("purpose") ? s.text(x, "purpose", xat + ".purpose", true) : null));
            }
        }
        String where = s.yaml().file() + ":" + s.yaml().line(all, id);
        return new DeploymentDeclaration(id, where, entity, entityCountry, dpf, art32, bcrs, access, measures, subs);
    }

    /** The declarations of one workload, {@code w}, at {@code at} ("workloads[0] (name)"). */
    Declarations workload(JsonNode w, String at) {
        Boolean personal = s.bool(w, "personal_data", at);
        String art9 = null;
        if (w.has("art9_condition")) {
            art9 = s.text(w, "art9_condition", at + ".art9_condition", true).replace(" ", "");
            if (art9.startsWith("Art.")) art9 = art9.substring(4);
            if (!ART9.matcher(art9).matches()) {
                throw s.fail(
                        w,
                        "art9_condition",
                        at + ".art9_condition",
                        "'" + w.get("art9_condition").asText() + "' is not an Art. 9(2) condition (9(2)(a) to"
                                + " 9(2)(j))");
            }
        }
        LocalDate tia = null;
        if (w.has("transfer_impact_assessment")) {
            String t = s.text(w, "transfer_impact_assessment", at + ".transfer_impact_assessment", true);
            try {
                tia = LocalDate.parse(t);
            } catch (DateTimeParseException e) {
                throw s.fail(
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
            if (!d.isObject()) throw s.fail(w, "derogation", dat, "expected {point, frequency}");
            s.unknownKeys(d, dat, Set.of("point", "frequency"));
            String point = s.text(d, "point", dat + ".point", true).toLowerCase(Locale.ROOT);
            if (!point.matches("[a-g]")) {
                throw s.fail(d, "point", dat + ".point", "'" + point + "' is not a point of Art. 49(1) (a to g)");
            }
            String frequency = s.text(d, "frequency", dat + ".frequency", true).toLowerCase(Locale.ROOT);
            if (!frequency.equals("occasional") && !frequency.equals("regular")) {
                throw s.fail(
                        d, "frequency", dat + ".frequency", "'" + frequency + "' is not one of: occasional, regular");
            }
            derogation = new Declarations.Derogation(point, frequency);
        }
        boolean employee = Boolean.TRUE.equals(s.bool(w, "employee_data", at));
        return new Declarations(personal == null || personal, art9, tia, derogation, employee);
    }
}
