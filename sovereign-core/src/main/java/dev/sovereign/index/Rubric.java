package dev.sovereign.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.yaml.YamlTree;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published rubric: for each dimension, attributes whose points add up to at most 100, and the
 * default weights. Loaded from {@code rubric.yaml}; immutable.
 */
public final class Rubric {
    private final Weights weights;
    private final Map<String, RubricAttribute> attributes;

    private Rubric(Weights weights, Map<String, RubricAttribute> attributes) {
        this.weights = weights;
        this.attributes = java.util.Collections.unmodifiableMap(attributes);
    }

    /** The rubric shipped with the gateway. */
    public static Rubric defaults() {
        try (InputStream in = Rubric.class.getResourceAsStream("rubric.yaml")) {
            return parse(YamlTree.read(in, "rubric.yaml"), "rubric.yaml");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the built-in rubric cannot be read", e);
        }
    }

    static Rubric parse(JsonNode root, String file) {
        JsonNode w = root.path("weights");
        Weights weights = Weights.of(
                w.path("jurisdiction").asDouble(),
                w.path("lock_in").asDouble(),
                w.path("infrastructure").asDouble(),
                w.path("compliance").asDouble());
        Map<String, RubricAttribute> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> dims =
                        root.path("dimensions").fields();
                dims.hasNext(); ) {
            Map.Entry<String, JsonNode> d = dims.next();
            Dimension dimension = Dimension.fromId(d.getKey());
            int total = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            d.getValue().path("attributes").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                JsonNode node = a.getValue();
                boolean set = node.has("set");
                Map<String, Integer> options = new LinkedHashMap<>();
                node.path(set ? "set" : "options")
                        .fields()
                        .forEachRemaining(
                                o -> options.put(o.getKey(), o.getValue().asInt()));
                int cap = node.path("cap").asInt(100);
                RubricAttribute attribute = new RubricAttribute(
                        a.getKey(),
                        dimension,
                        node.path("name").asText(a.getKey()),
                        node.path("grounds").asText(""),
                        options,
                        set,
                        cap);
                total += attribute.max();
                attributes.put(attribute.id(), attribute);
            }
            if (total > 100) {
                throw new IllegalArgumentException(
                        file + ": dimension " + dimension.id() + " can reach " + total + " points; at most 100");
            }
        }
        return new Rubric(weights, attributes);
    }

    public Weights weights() {
        return weights;
    }

    public Map<String, RubricAttribute> attributes() {
        return attributes;
    }

    public List<RubricAttribute> attributes(Dimension d) {
        List<RubricAttribute> list = new ArrayList<>();
        for (RubricAttribute a : attributes.values()) {
            if (a.dimension() == d) list.add(a);
        }
        return list;
    }

    public RubricAttribute attribute(String id) {
        RubricAttribute a = attributes.get(id);
        if (a == null) {
            throw new IllegalArgumentException(
                    "unknown attribute '" + id + "' (known: " + String.join(", ", attributes.keySet()) + ")");
        }
        return a;
    }
}
