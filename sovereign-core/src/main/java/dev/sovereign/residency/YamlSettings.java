package dev.sovereign.residency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.yaml.LocatedYaml;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading settings of {@code workloads.yaml} with their line: text, country codes, booleans and lists, each failing
 * with a {@link WorkloadsException} that names the file, the line and the setting. Not thread-safe; one per read.
 */
final class YamlSettings {
    static final Pattern COUNTRY = Pattern.compile("[a-z]{2}");

    private final LocatedYaml yaml;

    YamlSettings(LocatedYaml yaml) {
        this.yaml = yaml;
    }

    LocatedYaml yaml() {
        return yaml;
    }

    String text(JsonNode node, String key, String at, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) throw fail(node, at, "required: a text");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) throw fail(node, key, at, "expected a text");
        return v.asText().strip();
    }

    String country(JsonNode node, String key, String at, boolean required) {
        JsonNode v = node.get(key);
        if (v != null && v.isBoolean()) {
            throw fail(node, key, at, "YAML reads this as " + v.asText() + "; quote a country code such as 'no'");
        }
        String c = text(node, key, at, required);
        if (c == null) return null;
        c = c.toLowerCase(Locale.ROOT);
        if (!COUNTRY.matcher(c).matches()) throw fail(node, key, at, "'" + c + "' is not a two-letter country code");
        return c;
    }

    Boolean bool(JsonNode node, String key, String at) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw fail(node, key, at + "." + key, "expected true or false");
        return v.asBoolean();
    }

    List<String> names(JsonNode node, String key, String at, boolean required) {
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

    void unknownKeys(JsonNode node, String at, Set<String> expected) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!expected.contains(k)) {
                throw fail(
                        node,
                        k,
                        at.isEmpty() ? k : at + "." + k,
                        "unknown setting '" + k + "'; expected one of: "
                                + String.join(", ", expected.stream().sorted().toList()));
            }
        }
    }

    WorkloadsException fail(JsonNode container, String setting, String problem) {
        return new WorkloadsException(yaml.message(container, setting, problem));
    }

    WorkloadsException fail(JsonNode container, String key, String setting, String problem) {
        return new WorkloadsException(yaml.message(container, key, setting, problem));
    }
}
