package dev.sovereign.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.Categories;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.internal.ConditionNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each kind of data goes, for each workload: the decision for a request carrying one category (or none) sent
 * by one workload, for every model the providers serve. The facts a residency assessment starts from.
 *
 * <p>Rows are no sensitive data, every built-in category, and every category the policy names (in a condition, a
 * redaction or a guarantee; a label named in a condition as {@code label.<name>}). Columns are the workloads the
 * policy names (in conditions and guarantees) and {@value #OTHER}, which stands for every workload the policy does
 * not name. Everything else about the request is fixed ({@link Assumptions}); the guarantee checker, not the
 * matrix, covers the rest of the input space.
 *
 * <p>JSON form ({@link #toJson()}), stable, snake_case, every key always present:
 *
 * <pre>{@code
 * {
 *   "policy": "config/policy.yaml",        // null: no policy, requests go where their model is served
 *   "assumptions": {"api": "openai", "operation": "chat_completions", "stream": false, "size_bytes": 1000,
 *                   "models": ["claude-x", "llama-x"]},   // the requested models tried in each cell
 *   "workloads": ["hr-assistant", "other"],
 *   "categories": [[], ["content.binary"], ["financial.bic"], …],  // the rows, in order
 *   "cells": [                              // row-major: for each row, one cell per workload
 *     {"categories": ["special.health"], "family": "special", "workload": "hr-assistant",
 *      "outcomes": [                        // one per distinct result; models says which requested models get it
 *        {"models": ["claude-x", "llama-x"], "action": "forward", "rule": "special-local",
 *         "route": "self-hosted", "provider": "local", "region": "local", "jurisdiction": "eu",
 *         "redaction": null, "reaching": ["special.health"], "broken_guarantees": []}]}
 *   ]
 * }
 * }</pre>
 *
 * @param policy where the policy came from, or {@code null} without a policy
 */
public record PolicyMatrix(
        String policy,
        Assumptions assumptions,
        List<String> workloads,
        List<List<String>> categories,
        List<Cell> cells) {

    /** The column of workloads the policy does not name. */
    public static final String OTHER = "other";

    /** The request size every cell assumes, in bytes. */
    public static final long SIZE_BYTES = 1000;

    public PolicyMatrix {
        workloads = List.copyOf(workloads);
        categories = categories.stream().map(List::copyOf).toList();
        cells = List.copyOf(cells);
    }

    /**
     * What every cell's request has in common besides its categories and workload. {@code models} are the models
     * chosen, or else the providers' model-map entries as configured: a name, or a glob such as {@code claude-*}
     * (tried with a name it matches).
     */
    public record Assumptions(String api, String operation, boolean stream, long sizeBytes, List<String> models) {
        public Assumptions {
            models = List.copyOf(models);
        }
    }

    /**
     * One row and column.
     *
     * @param categories the categories in the request: none, or one
     * @param family the categories' family ({@code pii}, {@code special}, …), or {@code null} for none
     */
    public record Cell(List<String> categories, String family, String workload, List<Outcome> outcomes) {
        public Cell {
            categories = List.copyOf(categories);
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * What happens to the cell's request when one of {@code models} (as in {@link Assumptions}) is asked for. Fields
     * as in {@link
     * Explanation.Outcome}; {@code brokenGuarantees} lists the guarantees the decision would break (the route guard
     * would then refuse the request), normally none.
     */
    public record Outcome(
            List<String> models,
            String action,
            String rule,
            String route,
            String provider,
            String region,
            String jurisdiction,
            Explanation.RedactionSpec redaction,
            List<String> reaching,
            List<String> brokenGuarantees) {
        public Outcome {
            models = List.copyOf(models);
            reaching = List.copyOf(reaching);
            brokenGuarantees = List.copyOf(brokenGuarantees);
        }
    }

    /** The matrix over the workloads the policy names plus {@value #OTHER}, and every model the providers serve. */
    public static PolicyMatrix of(Explainer explainer) {
        return of(explainer, List.of(), List.of());
    }

    /**
     * @param workloads the columns; empty for those the policy names plus {@value #OTHER}
     * @param models the requested models to try; empty for one per entry of the providers' model maps
     */
    public static PolicyMatrix of(Explainer explainer, List<String> workloads, List<String> models) {
        Policy policy = explainer.policy().orElse(null);
        List<String> columns = workloads.isEmpty() ? namedWorkloads(policy) : List.copyOf(workloads);
        // Without models, one sample request per model-map entry; what the matrix shows is the entry (a name or a
        // glob such as claude-*), not the invented sample name (claude-x) tried for it.
        Map<String, String> shown = new LinkedHashMap<>();
        if (models.isEmpty()) shown.putAll(explainer.samplePatterns());
        else for (String m : models) shown.putIfAbsent(m, m);
        if (shown.isEmpty()) shown.put("unserved-model", "unserved-model");
        List<String> tried = List.copyOf(shown.keySet());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of());
        for (String c : rowCategories(policy)) rows.add(List.of(c));
        List<Cell> cells = new ArrayList<>();
        for (List<String> row : rows) {
            for (String workload : columns) {
                Map<Key, List<String>> byOutcome = new LinkedHashMap<>();
                for (String model : tried) {
                    Explanation e = explainer.explain(facts(row, workload, model));
                    byOutcome.computeIfAbsent(Key.of(e), k -> new ArrayList<>()).add(shown.get(model));
                }
                List<Outcome> outcomes = new ArrayList<>();
                byOutcome.forEach((k, m) -> outcomes.add(k.outcome(m)));
                String family = row.isEmpty() ? null : family(row.get(0));
                cells.add(new Cell(row, family, workload, outcomes));
            }
        }
        return new PolicyMatrix(
                policy == null ? null : policy.source(),
                new Assumptions(WireFormat.OPENAI.id(), OPERATION, false, SIZE_BYTES, List.copyOf(shown.values())),
                columns,
                rows,
                cells);
    }

    private static final String OPERATION = "chat_completions";

    /** The cell's request: its one category found once (a label declared; a binary part attached). */
    static RequestFacts facts(List<String> categories, String workload, String model) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<String> labels = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (String c : categories) {
            counts.put(c, 1);
            if (c.startsWith("label.")) {
                labels.add(c.substring("label.".length()));
            } else if (!c.equals(Classifier.BINARY)) {
                findings.add(new Finding(c, 0, 1, 1.0, "matrix"));
            }
        }
        return new RequestFacts(
                WireFormat.OPENAI, OPERATION, model, false, SIZE_BYTES, null, null, workload, labels, counts, findings);
    }

    /** The workloads {@code policy} names in its conditions and guarantees, then {@value #OTHER}. */
    public static List<String> namedWorkloads(Policy policy) {
        Set<String> names = new LinkedHashSet<>();
        if (policy != null) {
            names.addAll(ConditionNames.of(conditions(policy)).workloads());
            for (Guarantee g : policy.guarantees()) names.addAll(g.workloads());
        }
        names.add(OTHER);
        return List.copyOf(names);
    }

    /** Every built-in category and every category {@code policy} names, sorted. */
    public static List<String> rowCategories(Policy policy) {
        Set<String> rows = new TreeSet<>(Categories.builtIn());
        if (policy != null) {
            ConditionNames names = ConditionNames.of(conditions(policy));
            rows.addAll(names.categories());
            for (String l : names.labels()) rows.add("label." + l);
            for (Guarantee g : policy.guarantees()) exact(g.categories(), rows);
            for (Rule r : policy.rules())
                if (r.redaction() != null) exact(r.redaction().categories(), rows);
        }
        return List.copyOf(rows);
    }

    private static void exact(List<String> patterns, Set<String> into) {
        for (String p : patterns) if (!p.equals("*") && !p.endsWith(".*")) into.add(p);
    }

    private static List<String> conditions(Policy policy) {
        return policy.rules().stream().map(r -> r.when().source()).toList();
    }

    /** The family of a category: its first name ({@code pii} for {@code pii.national_id.fr}). */
    public static String family(String category) {
        int dot = category.indexOf('.');
        return dot < 0 ? category : category.substring(0, dot);
    }

    /** An outcome without the models that lead to it, to group models by what happens. */
    private record Key(
            String action,
            String rule,
            String route,
            String provider,
            String region,
            String jurisdiction,
            Explanation.RedactionSpec redaction,
            List<String> reaching,
            List<String> broken) {
        static Key of(Explanation e) {
            Explanation.Outcome d = e.decision();
            return new Key(
                    d.action(),
                    d.rule(),
                    d.route(),
                    d.provider(),
                    d.region(),
                    d.jurisdiction(),
                    d.redaction(),
                    d.reaching(),
                    e.broken());
        }

        Outcome outcome(List<String> models) {
            return new Outcome(
                    models, action, rule, route, provider, region, jurisdiction, redaction, reaching, broken);
        }
    }

    /** The JSON form described above, on one line. */
    public String toJson() {
        try {
            return PolicyJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a matrix is always serialisable", e);
        }
    }

    public JsonNode toJsonTree() {
        return PolicyJson.MAPPER.valueToTree(this);
    }
}
