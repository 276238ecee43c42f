package dev.sovereign.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.yaml.YamlTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sovereignty profiles and vendor risk events the index is computed from: the built-in ones, plus
 * an organisation's own ({@code profiles/*.yaml} and {@code events.yaml} in its configuration
 * directory), which add to them or replace a built-in profile of the same id. Every fact is checked
 * against the rubric at load; errors name the file and the fact.
 */
public final class Catalog {
    /** The profiles shipped with the gateway. */
    public static final List<String> BUILT_IN = List.of(
            "anthropic",
            "claude-bedrock-eu",
            "claude-bedrock-global",
            "claude-vertex-eu",
            "openai",
            "azure-openai-eu",
            "google-gemini",
            "mistral",
            "self-hosted-open-weights",
            "self-hosted-llama",
            "open-weights-on-aws-eu");

    private final Map<String, Profile> profiles;
    private final List<VendorEvent> events;

    private Catalog(Map<String, Profile> profiles, List<VendorEvent> events) {
        this.profiles = java.util.Collections.unmodifiableMap(profiles);
        this.events = List.copyOf(events);
    }

    public static Catalog defaults(Rubric rubric) {
        return load(rubric, null, null);
    }

    /**
     * @param profilesDir a directory of extra profiles, or {@code null}
     * @param eventsFile a file of extra events, or {@code null}
     */
    public static Catalog load(Rubric rubric, Path profilesDir, Path eventsFile) {
        Map<String, JsonNode> raw = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (String id : BUILT_IN) {
            String name = "profiles/" + id + ".yaml";
            try (InputStream in = Catalog.class.getResourceAsStream(name)) {
                raw.put(id, YamlTree.read(in, name));
                files.put(id, "built-in " + name);
            } catch (IOException e) {
                throw new IllegalStateException("built-in profile " + name + " cannot be read", e);
            }
        }
        if (profilesDir != null && Files.isDirectory(profilesDir)) {
            try (Stream<Path> paths = Files.list(profilesDir)) {
                for (Path p : paths.filter(p ->
                                p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted()
                        .toList()) {
                    try (InputStream in = Files.newInputStream(p)) {
                        JsonNode node = YamlTree.read(in, p.toString());
                        String id = text(node, "id", p.toString());
                        raw.put(id, node);
                        files.put(id, p.toString());
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(profilesDir + ": cannot be read: " + e.getMessage(), e);
            }
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (String id : raw.keySet()) resolve(id, raw, files, rubric, profiles, new ArrayList<>());
        List<VendorEvent> events = new ArrayList<>();
        try (InputStream in = Catalog.class.getResourceAsStream("events.yaml")) {
            events.addAll(events(YamlTree.read(in, "events.yaml"), "built-in events.yaml", rubric, profiles));
        } catch (IOException e) {
            throw new IllegalStateException("built-in events.yaml cannot be read", e);
        }
        if (eventsFile != null && Files.exists(eventsFile)) {
            try (InputStream in = Files.newInputStream(eventsFile)) {
                events.addAll(
                        events(YamlTree.read(in, eventsFile.toString()), eventsFile.toString(), rubric, profiles));
            } catch (IOException e) {
                throw new IllegalArgumentException(eventsFile + ": cannot be read: " + e.getMessage(), e);
            }
        }
        events.sort(java.util.Comparator.comparing(VendorEvent::date));
        return new Catalog(profiles, events);
    }

    private static Profile resolve(
            String id,
            Map<String, JsonNode> raw,
            Map<String, String> files,
            Rubric rubric,
            Map<String, Profile> done,
            List<String> chain) {
        Profile existing = done.get(id);
        if (existing != null) return existing;
        JsonNode node = raw.get(id);
        String file = files.get(id);
        if (chain.contains(id))
            throw new IllegalArgumentException(file + ": extends forms a cycle: " + chain + " → " + id);
        chain.add(id);
        Map<String, List<Fact>> facts = new LinkedHashMap<>();
        List<Gate> gates = new ArrayList<>();
        String parentId = node.path("extends").asText(null);
        if (parentId != null) {
            if (!raw.containsKey(parentId))
                throw new IllegalArgumentException(file + ": extends: no profile '" + parentId + "'");
            Profile parent = resolve(parentId, raw, files, rubric, done, chain);
            facts.putAll(parent.facts());
            gates.addAll(parent.gates());
        }
        LocalDate checkedDefault = node.has("checked") ? date(node.get("checked"), file, "checked") : null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("facts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String attribute = e.getKey();
            RubricAttribute rubricAttribute;
            try {
                rubricAttribute = rubric.attribute(attribute);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file + ": facts." + attribute + ": " + ex.getMessage());
            }
            List<Fact> periods = new ArrayList<>();
            int i = 0;
            for (JsonNode f : e.getValue()) {
                String at = "facts." + attribute + "[" + i++ + "]";
                List<String> value = new ArrayList<>();
                JsonNode v = f.get("value");
                if (v == null) throw new IllegalArgumentException(file + ": " + at + ".value: required");
                if (v.isArray()) v.forEach(x -> value.add(x.asText()));
                else value.add(v.asText());
                try {
                    rubricAttribute.validate(value);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(file + ": " + at + ".value: " + ex.getMessage());
                }
                String source = f.path("source").asText(null);
                if (source == null || !source.startsWith("http")) {
                    throw new IllegalArgumentException(file + ": " + at + ".source: every fact needs a source URL");
                }
                LocalDate checked = f.has("checked") ? date(f.get("checked"), file, at + ".checked") : checkedDefault;
                if (checked == null)
                    throw new IllegalArgumentException(
                            file + ": " + at + ".checked: the date the source was checked is required");
                LocalDate from = f.has("from") ? date(f.get("from"), file, at + ".from") : null;
                LocalDate to = f.has("to") ? date(f.get("to"), file, at + ".to") : null;
                if (from != null && to != null && to.isBefore(from)) {
                    throw new IllegalArgumentException(file + ": " + at + ": 'to' " + to + " is before 'from' " + from);
                }
                periods.add(new Fact(
                        attribute,
                        value,
                        from,
                        to,
                        source,
                        checked,
                        f.path("uncertain").asBoolean(false),
                        f.path("note").asText(null)));
            }
            facts.put(attribute, periods);
        }
        for (JsonNode g : node.path("gates")) {
            gates.add(new Gate(
                    text(g, "id", file),
                    g.path("applies_to").asText("any"),
                    text(g, "reason", file),
                    text(g, "source", file)));
        }
        Profile profile = new Profile(
                id,
                text(node, "name", file),
                node.path("operator").asText(""),
                node.path("deployment").asText(""),
                facts,
                gates,
                file);
        done.put(id, profile);
        return profile;
    }

    private static List<VendorEvent> events(JsonNode root, String file, Rubric rubric, Map<String, Profile> profiles) {
        List<VendorEvent> events = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.path("events")) {
            String at = "events[" + i++ + "]";
            List<String> ids = new ArrayList<>();
            e.path("profiles").forEach(p -> ids.add(p.asText()));
            for (String id : ids) {
                if (!profiles.containsKey(id))
                    throw new IllegalArgumentException(file + ": " + at + ".profiles: no profile '" + id + "'");
            }
            Map<String, List<String>> changes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.path("changes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                List<String> value = new ArrayList<>();
                if (c.getValue().isArray()) c.getValue().forEach(x -> value.add(x.asText()));
                else value.add(c.getValue().asText());
                try {
                    rubric.attribute(c.getKey()).validate(value);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(
                            file + ": " + at + ".changes." + c.getKey() + ": " + ex.getMessage());
                }
                changes.put(c.getKey(), value);
            }
            String dimension = e.path("dimension").asText("compliance");
            try {
                Dimension.fromId(dimension);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file + ": " + at + ".dimension: " + ex.getMessage());
            }
            events.add(new VendorEvent(
                    date(e.get("date"), file, at + ".date"),
                    ids,
                    text(e, "title", file),
                    dimension,
                    e.path("effect").asText(""),
                    text(e, "source", file),
                    changes));
        }
        return events;
    }

    private static String text(JsonNode node, String field, String file) {
        JsonNode v = node.get(field);
        if (v == null || v.asText().isBlank()) throw new IllegalArgumentException(file + ": " + field + ": required");
        return v.asText();
    }

    private static LocalDate date(JsonNode node, String file, String at) {
        if (node == null) throw new IllegalArgumentException(file + ": " + at + ": required (YYYY-MM-DD)");
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    file + ": " + at + ": '" + node.asText() + "' is not a date (YYYY-MM-DD)");
        }
    }

    public Map<String, Profile> profiles() {
        return profiles;
    }

    public List<VendorEvent> events() {
        return events;
    }
}
