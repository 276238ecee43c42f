package dev.sovereign.policy;

import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.index.Jurisdiction;
import dev.sovereign.residency.Regions;
import java.util.Map;
import java.util.Optional;

/**
 * The policy a gateway runs when no {@code policy.yaml} is configured, written for the providers it has:
 *
 * <ol>
 *   <li>secrets are blocked;
 *   <li>special-category data (GDPR Art. 9) goes to the self-hosted provider (model {@code SOVEREIGN_LOCAL_MODEL},
 *       or the first it lists at start), or is blocked when there is none or it has no model;
 *   <li>other personal and financial data is pseudonymized, then sent to Claude on an EU route when one is
 *       configured (a provider in an {@code eu} region whose profile or id names Claude), else where the model is
 *       served — only placeholders leave;
 *   <li>everything else goes where its model is served.
 * </ol>
 *
 * With guarantees that say so: secrets never leave; special-category data stays under EU jurisdiction; personal
 * data in clear reaches only EU or local regions.
 */
public final class DefaultPolicy {
    public static final String LOCAL_MODEL_ENV = "SOVEREIGN_LOCAL_MODEL";

    private DefaultPolicy() {}

    /** The default policy's YAML for {@code config}. */
    public static String yaml(GatewayConfig config, Map<String, ProviderFacts> facts, Map<String, String> env) {
        Optional<ProviderConfig> selfHosted = selfHosted(config, facts);
        Optional<ProviderConfig> claudeEu = config.providers().stream()
                .filter(p -> Regions.inEu(p.region()))
                // A Bedrock provider in an EU region whose model map sends global. profiles is not an EU route.
                .filter(p -> p.models().stream()
                        .allMatch(m -> Regions.inEu(
                                p.regionOf(m.upstreamFor(m.pattern().replace("*", "x"))))))
                .filter(p -> p.id().contains("claude") || p.profile().contains("claude"))
                .findFirst();
        String localModel = env.get(LOCAL_MODEL_ENV);
        StringBuilder y = new StringBuilder();
        y.append("# the built-in default policy (no policy.yaml in the configuration directory)\n");
        y.append("routes:\n");
        boolean noModel = localModel == null || localModel.isBlank();
        // Without a model the self-hosted route would forward the client's model name (claude-…), which the
        // self-hosted server does not serve: special-category data is then refused, saying what to set.
        selfHosted
                .filter(p -> !noModel)
                .ifPresent(p -> y.append("  self-hosted: {provider: ")
                        .append(p.id())
                        .append(", model: " + quote(localModel.trim()))
                        .append("}\n"));
        claudeEu.ifPresent(
                p -> y.append("  claude-eu: {provider: ").append(p.id()).append("}\n"));
        if ((selfHosted.isEmpty() || noModel) && claudeEu.isEmpty()) y.setLength(y.length() - "routes:\n".length());
        y.append("""
                rules:
                  - id: secrets-never-leave
                    when: categories.exists(c, c.startsWith('secret.'))
                    action: block
                    message: This request contains a secret (an API key, token, password or private key); remove it and try again.
                """);
        if (selfHosted.isPresent() && noModel) {
            y.append("""
                      - id: special-categories-need-a-self-hosted-model
                        when: categories.exists(c, c.startsWith('special.'))
                        action: block
                        message: This request contains special-category data (health, beliefs, origin…), which may only go to a self-hosted model, and the self-hosted provider has no model to use (set SOVEREIGN_LOCAL_MODEL to a model it serves).
                    """);
        } else if (selfHosted.isPresent()) {
            y.append("""
                      - id: special-categories-self-hosted
                        when: categories.exists(c, c.startsWith('special.'))
                        action: forward
                        route: self-hosted
                    """);
        } else {
            y.append("""
                      - id: special-categories-need-a-self-hosted-model
                        when: categories.exists(c, c.startsWith('special.'))
                        action: block
                        message: This request contains special-category data (health, beliefs, origin…), which may only go to a self-hosted model, and none is configured.
                    """);
        }
        y.append("""
                  - id: personal-data-pseudonymized
                    when: categories.exists(c, c.startsWith('pii.') || c.startsWith('financial.'))
                    action: redact
                    mode: pseudonymize
                    categories: [pii.*, financial.*]
                """);
        if (claudeEu.isPresent()) y.append("    route: claude-eu\n");
        y.append("""
                  - id: everything-else
                    action: forward
                guarantees:
                  - id: secrets-never-leave
                    description: Secrets never leave the organisation.
                    categories: [secret.*]
                    allow: none
                  - id: special-categories-under-eu-jurisdiction
                    description: Special-category data reaches only providers under EU jurisdiction.
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                  - id: personal-data-in-clear-stays-in-the-eu
                    description: Personal and financial data in clear reaches only EU or local regions.
                    categories: [pii.*, financial.*]
                    allow: {regions: [eu, local]}
                """);
        return y.toString();
    }

    /**
     * The model the policy tools show for the self-hosted route when {@link #LOCAL_MODEL_ENV} is not set: they never
     * call a provider, and {@code serve} takes the first model the self-hosted server lists at start.
     */
    public static final String FIRST_LISTED = "(the first model the self-hosted provider lists at start)";

    /** {@code env} as the policy tools read it: without {@link #LOCAL_MODEL_ENV}, {@link #FIRST_LISTED}. */
    public static Map<String, String> forTools(Map<String, String> env) {
        String set = env.get(LOCAL_MODEL_ENV);
        if (set != null && !set.isBlank()) return env;
        Map<String, String> with = new java.util.HashMap<>(env);
        with.put(LOCAL_MODEL_ENV, FIRST_LISTED);
        return with;
    }

    /** The provider the default policy sends special-category data to: a self-hosted one under EU jurisdiction. */
    public static Optional<ProviderConfig> selfHosted(GatewayConfig config, Map<String, ProviderFacts> facts) {
        return config.providers().stream()
                .filter(p -> Jurisdiction.EU.equals(facts.get(p.id()).jurisdiction()))
                .filter(p -> p.id().equals("local") || p.profile().startsWith("self-hosted"))
                .findFirst();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
