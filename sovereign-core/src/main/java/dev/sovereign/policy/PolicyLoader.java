package dev.sovereign.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.CategoryPattern;
import dev.sovereign.config.yaml.LocatedYaml;
import dev.sovereign.index.Jurisdiction;
import dev.sovereign.policy.internal.Conditions;
import dev.sovereign.redact.RedactionMode;
import dev.sovereign.routing.ModelRouter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code policy.yaml}: named routes, ordered rules with CEL conditions, and guarantees. Everything is
 * checked at load — YAML shape, CEL syntax and types, references to routes and providers — and then every
 * guarantee is checked over the policy's whole relevant input space ({@link GuaranteeChecker}); the first
 * problem refuses the policy with the file, line, rule and position, or with a counterexample.
 */
public final class PolicyLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> JURISDICTIONS = Set.copyOf(Jurisdiction.ALL);
    private static final Set<String> RULE_KEYS =
            Set.of("id", "when", "action", "route", "mode", "categories", "message");
    private static final Set<String> GUARANTEE_KEYS = Set.of("id", "description", "categories", "workloads", "allow");

    private final Map<String, ProviderFacts> providers;
    private final ModelRouter router;

    /** @param providers the configured providers, by id */
    public PolicyLoader(Map<String, ProviderFacts> providers, ModelRouter router) {
        this.providers = Map.copyOf(providers);
        this.router = router;
    }

    /**
     * @param file the file name for messages ({@code policy.yaml})
     * @throws PolicyException on the first problem
     */
    public Policy load(String file, String text) {
        LocatedYaml located;
        try {
            located = LocatedYaml.parse(file, text);
        } catch (LocatedYaml.SyntaxError e) {
            throw new PolicyException(e.getMessage(), e);
        }
        JsonNode root = located.root();
        if (root == null || !root.isObject())
            throw new PolicyException(file + ": expected routes, rules and guarantees");
        Lines lines = new Lines(file, text, located);
        unknownKeys(lines, root, "", Set.of("routes", "rules", "guarantees"), null);
        Map<String, PolicyRoute> routes = routes(lines, root.path("routes"));
        List<Rule> rules = rules(lines, root.path("rules"), routes);
        List<Guarantee> guarantees = guarantees(lines, root.path("guarantees"), routes);
        Policy policy = new Policy(file, rules, routes, guarantees, router, providers);
        GuaranteeChecker.Result check = new GuaranteeChecker(policy).check();
        if (!check.holds()) {
            GuaranteeChecker.Counterexample c = check.counterexamples().get(0);
            throw new PolicyException(file + ":" + lines.ofId(c.guarantee().id()) + ": guarantee '"
                    + c.guarantee().id() + "' can be broken: " + c.describe());
        }
        return policy;
    }

    private Map<String, PolicyRoute> routes(Lines lines, JsonNode node) {
        Map<String, PolicyRoute> routes = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) return routes;
        if (!node.isObject()) throw lines.at("routes", "routes", "expected a map of route names to {provider, model}");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String at = "routes." + name;
            if (!ID.matcher(name).matches())
                throw lines.at(name, at, "a route name is lower-case letters, digits, '.', '-', '_'");
            JsonNode r = e.getValue();
            if (!r.isObject()) throw lines.at(name, at, "expected {provider: …, model: …}");
            unknownKeys(lines, r, at, Set.of("provider", "providers", "model", "targets"), name);
            String model = r.hasNonNull("model") ? text(lines, r, "model", at, name) : null;
            // Each candidate is a provider and the model to ask it for; the configured ones, in order, are the
            // route's targets: the first serves, the next ones take over when it fails before answering.
            List<String[]> candidates = new ArrayList<>();
            if (r.hasNonNull("provider")) candidates.add(new String[] {text(lines, r, "provider", at, name), model});
            for (String p : strings(lines, r, "providers", at, name)) candidates.add(new String[] {p, model});
            candidates.addAll(targets(lines, r, at, name));
            if (candidates.isEmpty()) {
                throw lines.at(
                        name,
                        at,
                        "name its provider (provider: id, providers: [first choice, fallback…], or targets: [{provider, model}, …])");
            }
            List<PolicyRoute> targets = new ArrayList<>();
            for (String[] c : candidates) {
                ProviderFacts p = providers.get(c[0]);
                if (p != null) {
                    String region = c[1] == null ? p.region() : p.regionFor(c[1]);
                    targets.add(new PolicyRoute(name, p.id(), c[1], region, p.jurisdiction()));
                }
            }
            if (targets.isEmpty()) {
                throw lines.at(
                        name,
                        at,
                        "none of its providers "
                                + candidates.stream().map(c -> c[0]).toList()
                                + " is configured; configured: "
                                + providers.keySet().stream().sorted().toList());
            }
            PolicyRoute first = targets.get(0);
            routes.put(
                    name,
                    new PolicyRoute(
                            name,
                            first.provider(),
                            first.model(),
                            first.region(),
                            first.jurisdiction(),
                            targets.subList(1, targets.size())));
        }
        return routes;
    }

    private List<Rule> rules(Lines lines, JsonNode node, Map<String, PolicyRoute> routes) {
        if (!node.isArray() || node.isEmpty())
            throw new PolicyException(lines.file + ": rules: list at least one rule");
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = "rules[" + i + "]";
            if (!r.isObject() || !r.hasNonNull("id"))
                throw new PolicyException(lines.file + ": " + at + ": a rule needs an id");
            String id = r.get("id").asText();
            at = at + " (" + id + ")";
            if (!ID.matcher(id).matches())
                throw lines.at(id, at + ".id", "'" + id + "' is not an id (lower-case letters, digits, '.', '-', '_')");
            if (!ids.add(id)) throw lines.at(id, at + ".id", "another rule has the id '" + id + "'");
            unknownKeys(lines, r, at, RULE_KEYS, id);
            String when = r.hasNonNull("when") ? r.get("when").asText() : "true";
            Conditions.Condition condition;
            try {
                condition = Conditions.compile(when);
            } catch (IllegalArgumentException e) {
                throw lines.at(id, at + ".when", e.getMessage().replace("\n", "\n    "));
            }
            String actionText = r.hasNonNull("action") ? r.get("action").asText() : "";
            Rule.Action action;
            try {
                action = Rule.Action.valueOf(actionText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw lines.at(id, at + ".action", "'" + actionText + "' is not one of: forward, redact, block");
            }
            String route = r.hasNonNull("route") ? r.get("route").asText() : null;
            if (route != null && !routes.containsKey(route)) {
                throw lines.at(id, at + ".route", "no route named '" + route + "'; routes: " + routes.keySet());
            }
            Redaction redaction = null;
            String message = null;
            switch (action) {
                case BLOCK -> {
                    if (route != null) throw lines.at(id, at + ".route", "a block rule has no route");
                    message =
                            r.hasNonNull("message") ? r.get("message").asText().strip() : "";
                    if (message.isEmpty())
                        throw lines.at(id, at + ".message", "a block rule needs a message for the end user");
                }
                case REDACT -> {
                    List<String> categories = strings(lines, r, "categories", at, id);
                    if (categories.isEmpty())
                        throw lines.at(id, at + ".categories", "name the categories to redact (e.g. [pii.*])");
                    for (String c : categories) {
                        Optional<String> problem = CategoryPattern.problem(c);
                        if (problem.isPresent()) throw lines.at(id, at + ".categories", problem.get());
                    }
                    String mode = r.hasNonNull("mode") ? r.get("mode").asText() : "pseudonymize";
                    Optional<RedactionMode> m = RedactionMode.of(mode);
                    if (m.isEmpty())
                        throw lines.at(id, at + ".mode", "'" + mode + "' is not one of: mask, pseudonymize");
                    redaction = new Redaction(m.get(), categories);
                }
                case FORWARD -> {
                    if (r.has("categories") || r.has("mode"))
                        throw lines.at(id, at, "categories and mode belong to redact rules");
                }
            }
            rules.add(new Rule(id, condition, action, route, redaction, message));
        }
        return rules;
    }

    private List<Guarantee> guarantees(Lines lines, JsonNode node, Map<String, PolicyRoute> routes) {
        List<Guarantee> result = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) return result;
        if (!node.isArray()) throw new PolicyException(lines.file + ": guarantees: expected a list");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode g = node.get(i);
            String at = "guarantees[" + i + "]";
            if (!g.isObject() || !g.hasNonNull("id"))
                throw new PolicyException(lines.file + ": " + at + ": a guarantee needs an id");
            String id = g.get("id").asText();
            at = at + " (" + id + ")";
            if (!ids.add(id)) throw lines.at(id, at + ".id", "another guarantee has the id '" + id + "'");
            unknownKeys(lines, g, at, GUARANTEE_KEYS, id);
            List<String> categories = strings(lines, g, "categories", at, id);
            for (String c : categories) {
                Optional<String> problem = CategoryPattern.problem(c);
                if (problem.isPresent()) throw lines.at(id, at + ".categories", problem.get());
            }
            List<String> workloads = strings(lines, g, "workloads", at, id);
            JsonNode allow = g.path("allow");
            boolean none = allow.isTextual() && allow.asText().equals("none");
            List<String> jurisdictions = List.of();
            List<String> regions = List.of();
            List<String> allowProviders = List.of();
            List<String> allowRoutes = List.of();
            if (!none) {
                if (!allow.isObject())
                    throw lines.at(id, at + ".allow", "expected 'none' or {jurisdictions, regions, providers, routes}");
                unknownKeys(lines, allow, at + ".allow", Set.of("jurisdictions", "regions", "providers", "routes"), id);
                jurisdictions = strings(lines, allow, "jurisdictions", at + ".allow", id);
                regions = strings(lines, allow, "regions", at + ".allow", id);
                allowProviders = strings(lines, allow, "providers", at + ".allow", id);
                allowRoutes = strings(lines, allow, "routes", at + ".allow", id);
                for (String j : jurisdictions) {
                    if (!JURISDICTIONS.contains(j))
                        throw lines.at(
                                id,
                                at + ".allow.jurisdictions",
                                "'" + j + "' is not one of "
                                        + JURISDICTIONS.stream().sorted().toList());
                }
                for (String p : allowProviders) {
                    if (!providers.containsKey(p))
                        throw lines.at(id, at + ".allow.providers", "no provider '" + p + "' is configured");
                }
                for (String rt : allowRoutes) {
                    if (!routes.containsKey(rt))
                        throw lines.at(id, at + ".allow.routes", "no route named '" + rt + "'");
                }
                if (jurisdictions.isEmpty() && regions.isEmpty() && allowProviders.isEmpty() && allowRoutes.isEmpty()) {
                    throw lines.at(
                            id,
                            at + ".allow",
                            "allow at least one jurisdiction, region, provider or route, or write allow: none");
                }
            }
            String description =
                    g.hasNonNull("description") ? g.get("description").asText() : id;
            result.add(new Guarantee(
                    id, description, categories, workloads, none, jurisdictions, regions, allowProviders, allowRoutes));
        }
        return result;
    }

    private static void unknownKeys(Lines lines, JsonNode node, String at, Set<String> known, String id) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw lines.at(
                        id == null ? k : id,
                        at.isEmpty() ? k : at + "." + k,
                        "unknown setting '" + k + "'; expected one of: "
                                + known.stream().sorted().toList());
            }
        }
    }

    /** A route's {@code targets: [{provider, model}, …]}, as (provider, model) pairs. */
    private static List<String[]> targets(Lines lines, JsonNode route, String at, String id) {
        JsonNode v = route.path("targets");
        if (v.isMissingNode() || v.isNull()) return List.of();
        if (!v.isArray()) throw lines.at(id, at + ".targets", "expected a list of {provider, model}");
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode t = v.get(i);
            String where = at + ".targets[" + i + "]";
            if (!t.isObject() || !t.hasNonNull("provider")) {
                throw lines.at(id, where, "expected {provider: id, model: name}");
            }
            unknownKeys(lines, t, where, Set.of("provider", "model"), id);
            out.add(new String[] {
                text(lines, t, "provider", where, id), t.hasNonNull("model") ? text(lines, t, "model", where, id) : null
            });
        }
        return out;
    }

    private static String text(Lines lines, JsonNode node, String key, String at, String id) {
        JsonNode v = node.get(key);
        if (!v.isTextual() || v.asText().isBlank()) throw lines.at(id, at + "." + key, "expected a name");
        return v.asText().trim();
    }

    private static List<String> strings(Lines lines, JsonNode node, String key, String at, String id) {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) return List.of();
        if (v.isTextual()) return List.of(v.asText().trim());
        if (!v.isArray()) throw lines.at(id, at + "." + key, "expected a list of names");
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual()) throw lines.at(id, at + "." + key, "expected a list of names");
            out.add(x.asText().trim());
        }
        return out;
    }

    /** Finds lines by the id or key they mention, for messages. */
    /**
     * Where things are in the file: the line of each rule, guarantee and route (block or flow style alike), and of
     * each of their settings, from the parsed YAML's locations; a text search by id when those are missing.
     */
    private static final class Lines {
        final String file;
        final String[] text;
        final LocatedYaml located;
        /** The mapping of each rule and guarantee by id, and the routes' mapping by route name. */
        final Map<String, JsonNode> containers = new HashMap<>();

        final Map<String, JsonNode> parents = new HashMap<>();

        Lines(String file, String text, LocatedYaml located) {
            this.file = file;
            this.text = text.split("\n", -1);
            this.located = located;
            JsonNode root = located.root();
            for (String list : List.of("rules", "guarantees")) {
                for (JsonNode n : root.path(list)) {
                    if (n.isObject() && n.hasNonNull("id"))
                        containers.putIfAbsent(n.get("id").asText(), n);
                }
            }
            JsonNode routes = root.path("routes");
            for (Iterator<String> it = routes.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                JsonNode r = routes.get(name);
                if (r.isObject()) containers.putIfAbsent(name, r);
                parents.putIfAbsent(name, routes);
            }
        }

        int ofId(String id) {
            JsonNode container = containers.get(id);
            if (container != null && located.line(container) > 0) return located.line(container);
            JsonNode parent = parents.get(id);
            if (parent != null && located.line(parent, id) > 0) return located.line(parent, id);
            Pattern p = Pattern.compile("^[\\s-]*(id\\s*:\\s*)?[\"']?" + Pattern.quote(id) + "[\"']?\\s*:?\\s*(#.*)?$");
            for (int i = 0; i < text.length; i++) if (p.matcher(text[i]).find()) return i + 1;
            return 0;
        }

        /** The line of {@code setting}'s last key within {@code id}'s mapping, else of the mapping itself. */
        int of(String id, String setting) {
            JsonNode container = id == null ? null : containers.get(id);
            int dot = setting.lastIndexOf('.');
            if (container != null && dot > 0) {
                String key = setting.substring(dot + 1);
                int line = located.line(container, key);
                if (line > 0) return line;
            }
            return id == null ? 0 : ofId(id);
        }

        PolicyException at(String id, String setting, String problem) {
            int line = of(id, setting);
            return new PolicyException(file + (line > 0 ? ":" + line : "") + ": " + setting + ": " + problem);
        }
    }
}
