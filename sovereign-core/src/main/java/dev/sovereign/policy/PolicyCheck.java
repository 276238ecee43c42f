package dev.sovereign.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sovereign.routing.ModelRouter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a policy for review: every load-time check, then the guarantee check, reported in full — the rules,
 * routes and guarantees, how many inputs the checker decided and whether that was exhaustive, and a counterexample
 * for every guarantee that can be broken (the loader refuses such a policy and names only the first).
 *
 * <p>Design note. {@link PolicyLoader} refuses a policy whose guarantee can be broken, so a broken policy is never
 * built. To report every counterexample, a policy the loader refused is loaded again in two halves that each pass —
 * its routes and rules without guarantees, and its routes and guarantees behind a rule that blocks everything — and
 * the halves are put together here and checked. The halves are loaded only after the whole file was refused, and
 * the refusal is taken for a broken guarantee only when both halves load and together break one; any other problem
 * is reported with the loader's own message, which names the file and line.
 */
public final class PolicyCheck {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, ProviderFacts> providers;
    private final ModelRouter router;
    private final PolicyLoader loader;

    /** @param providers the configured providers, by id, as for {@link PolicyLoader} */
    public PolicyCheck(Map<String, ProviderFacts> providers, ModelRouter router) {
        this.providers = Map.copyOf(providers);
        this.router = router;
        this.loader = new PolicyLoader(providers, router);
    }

    /**
     * What was checked and how it went.
     *
     * @param policy the policy, when its guarantees hold (the gateway would run it)
     */
    public record Report(
            String source,
            List<Rule> rules,
            Map<String, PolicyRoute> routes,
            List<Guarantee> guarantees,
            GuaranteeChecker.Result result,
            Optional<Policy> policy) {
        public boolean holds() {
            return result.holds();
        }
    }

    /**
     * @param file the file name for messages
     * @throws PolicyException when the policy cannot be loaded for any reason other than a guarantee that can be
     *     broken, with the loader's message
     */
    public Report check(String file, String text) {
        Policy policy;
        try {
            policy = loader.load(file, text);
        } catch (PolicyException refused) {
            return broken(file, text).orElseThrow(() -> refused);
        }
        return report(policy, new GuaranteeChecker(policy).check(), Optional.of(policy));
    }

    /** The report of a policy refused only because a guarantee can be broken; empty for any other refusal. */
    private Optional<Report> broken(String file, String text) {
        Policy rules;
        Policy guarantees;
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) return Optional.empty();
            ObjectNode withoutGuarantees = ((ObjectNode) root).deepCopy();
            withoutGuarantees.remove("guarantees");
            rules = loader.load(file, YAML.writeValueAsString(withoutGuarantees));
            ObjectNode blockEverything = ((ObjectNode) root).deepCopy();
            blockEverything
                    .putArray("rules")
                    .addObject()
                    .put("id", "block-everything")
                    .put("action", "block")
                    .put("message", "blocked");
            guarantees = loader.load(file, YAML.writeValueAsString(blockEverything));
        } catch (PolicyException | JsonProcessingException e) {
            return Optional.empty();
        }
        Policy whole = new Policy(file, rules.rules(), rules.routes(), guarantees.guarantees(), router, providers);
        GuaranteeChecker.Result result = new GuaranteeChecker(whole).check();
        return result.holds() ? Optional.empty() : Optional.of(report(whole, result, Optional.empty()));
    }

    private static Report report(Policy p, GuaranteeChecker.Result result, Optional<Policy> policy) {
        return new Report(p.source(), p.rules(), p.routes(), p.guarantees(), result, policy);
    }
}
