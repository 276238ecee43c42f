package dev.sovereign.gateway;

import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.store.AuditStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The configuration the dashboard's browser tests run the gateway with, and three weeks of traffic that another
 * replica of it recorded before: written through the real {@link AuditWriter} into the trail the gateway under test
 * then appends to, signed with the same key, so that reports, charts and the chain status read real, verifiable
 * events over many days. In the first week the support bot's e-mail addresses still went to Anthropic in clear (rule
 * {@code old-by-model}); from then on the policy pseudonymizes them on an EU route, and the score trend rises. Every
 * fifth day Mistral is overloaded once and that request falls back to the self-hosted model.
 */
final class DashboardTrail {
    static final String ADMIN_KEY = "sk-sov-dpo-admin-key";
    static final String HR_KEY = "sk-sov-hr-assistant-key";
    static final String SUPPORT_KEY = "sk-sov-support-bot-key";
    static final String CODE_KEY = "sk-sov-code-helper-key";
    static final String REPLICA = "gateway-replica-b";
    static final int DAYS = 21;

    static final String PROVIDERS = """
            providers:
              - id: anthropic
                kind: anthropic
                endpoint: ${UPSTREAM}
                api_key_env: ANTHROPIC_API_KEY
                region: us
                profile: anthropic
                models:
                  - pattern: claude-*
              - id: mistral-eu
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                region: eu
                profile: mistral
                models:
                  - pattern: mistral-*
              - id: local
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                region: local
                profile: self-hosted-open-weights
                models:
                  - pattern: llama*
            """;

    static final String POLICY = """
            routes:
              self-hosted: {provider: local, model: llama3.1-70b}
              eu-mistral: {providers: [mistral-eu, local], model: mistral-large-latest}
            rules:
              - id: secrets-block
                when: categories.exists(c, c.startsWith('secret.'))
                action: block
                message: Secrets may not be sent to an AI model.
              - id: special-self-hosted
                when: categories.exists(c, c.startsWith('special.')) || workload == 'hr-assistant'
                action: forward
                route: self-hosted
              - id: pii-pseudonymized
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*]
                route: eu-mistral
              - id: by-model
                action: forward
            guarantees:
              - id: secrets-never-leave
                categories: [secret.*]
                allow: none
              - id: special-in-eu
                description: Health and other special-category data stay under EU jurisdiction.
                categories: [special.*]
                allow: {jurisdictions: [eu]}
            """;

    static final String WORKLOADS = """
            establishment: eu
            workloads:
              - name: hr-assistant
                description: HR questions from employees
                categories: [pii.*, special.health]
                data_subjects: [eu]
                residency: eu
                role: controller
              - name: support-bot
                description: Customer support answers
                categories: [pii.email, pii.phone]
                data_subjects: [eu]
                residency: eu
                role: controller
                transfer_mechanisms: [sccs]
            """;

    private DashboardTrail() {}

    /** sovereign.yaml with the four keys (one with usage limits, one team with a budget) and the trail under {@code data}. */
    static String sovereignYaml(Path data) {
        return """
                keys:
                  - {id: dpo, sha256: %s, team: privacy, workload: audit, admin: true}
                  - {id: hr-prod, sha256: %s, team: hr, workload: hr-assistant,
                     limits: {requests_per_minute: 1000, usd_per_month: 100}}
                  - {id: support-prod, sha256: %s, team: customer-care, workload: support-bot}
                  - {id: code-prod, sha256: %s, team: engineering, workload: code-helper}
                teams:
                  engineering: {limits: {tokens_per_day: 5000000}}
                audit:
                  store: "sqlite:%s"
                  signing_key: "%s"
                  checkpoints: "%s"
                """.formatted(
                        sha(ADMIN_KEY),
                        sha(HR_KEY),
                        sha(SUPPORT_KEY),
                        sha(CODE_KEY),
                        data.resolve("audit.db"),
                        data.resolve("audit-signing.key"),
                        data.resolve("checkpoints"));
    }

    static Map<String, String> files(Path data) {
        return Map.of(
                "sovereign.yaml",
                sovereignYaml(data),
                "providers.yaml",
                PROVIDERS,
                "policy.yaml",
                POLICY,
                "workloads.yaml",
                WORKLOADS);
    }

    private static String sha(String key) {
        return dev.sovereign.gateway.ingress.KeyAuthenticator.sha256(key);
    }

    /** Writes the earlier replica's trail under {@code data}, its last request an hour before {@code now}. */
    static void writeHistory(Path data, Instant now) {
        try {
            Path dir = Files.createTempDirectory("sovereign-trail-config");
            for (var f : files(data).entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue().replace("${UPSTREAM}", "http://127.0.0.1:9"));
            }
            GatewayConfig config = new ConfigLoader(Map.of("ANTHROPIC_API_KEY", "k", "OPENAI_API_KEY", "k")).load(dir);
            Map<String, ProviderFacts> where = ProviderFacts.of(config);
            AuditConfig audit = config.audit();
            Files.createDirectories(data);
            AuditSigner signer = AuditSigner.generate(audit.signingKey(), audit.verifyKey());
            try (var store = AuditStores.open(audit)) {
                AuditWriter writer = new AuditWriter(
                                store,
                                REPLICA,
                                signer,
                                new CheckpointLog(audit.checkpoints()),
                                Clock.systemUTC(),
                                AuditWriter.Options.DEFAULTS)
                        .start();
                List<CompletableFuture<AuditWriter.Receipt>> pending = new ArrayList<>();
                for (AuditEvent e : events(now, where)) pending.add(writer.append(e, true));
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                        .join();
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few requests a day for {@value #DAYS} days: more each week, the support bot's data moved to the EU. */
    static List<AuditEvent> events(Instant now, Map<String, ProviderFacts> where) {
        List<AuditEvent> events = new ArrayList<>();
        Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS));
        int n = 0;
        for (int day = 0; day < DAYS; day++) {
            boolean oldPolicy = day < 7;
            int requests = 6 + day / 3 + (day * 7) % 5;
            for (int i = 0; i < requests; i++) {
                Instant t = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(9L * 60 + 37L * i));
                if (!t.isBefore(now.minus(Duration.ofHours(1)))) continue;
                String id = "sgw_hist" + String.format("%05d", n++);
                switch (i % 6) {
                    case 0, 3 ->
                        request(
                                events,
                                t,
                                id,
                                "code-prod",
                                "engineering",
                                "code-helper",
                                Map.of(),
                                "by-model",
                                "forward",
                                "anthropic",
                                null,
                                "claude-sonnet-4-5",
                                List.of(),
                                where);
                    case 1 ->
                        request(
                                events,
                                t,
                                id,
                                "hr-prod",
                                "hr",
                                "hr-assistant",
                                Map.of("special.health", 1, "pii.email", 1),
                                "special-self-hosted",
                                "forward",
                                "local",
                                "self-hosted",
                                "llama3.1-70b",
                                List.of(),
                                where);
                    case 2, 4 ->
                        oldOrNew(
                                events,
                                t,
                                id,
                                oldPolicy,
                                day % 5 == 0 && i == 2,
                                Map.of("pii.email", 1, "pii.phone", i % 4 == 0 ? 1 : 0),
                                where);
                    default ->
                        request(
                                events,
                                t,
                                id,
                                "code-prod",
                                "engineering",
                                "code-helper",
                                Map.of("secret.aws_access_key", 1),
                                "secrets-block",
                                "block",
                                null,
                                null,
                                null,
                                List.of(),
                                where);
                }
            }
        }
        return events;
    }

    private static void oldOrNew(
            List<AuditEvent> events,
            Instant t,
            String id,
            boolean oldPolicy,
            boolean fallsBack,
            Map<String, Integer> found,
            Map<String, ProviderFacts> where) {
        Map<String, Integer> categories = new java.util.TreeMap<>();
        found.forEach((c, k) -> {
            if (k > 0) categories.put(c, k);
        });
        if (oldPolicy) {
            request(
                    events,
                    t,
                    id,
                    "support-prod",
                    "customer-care",
                    "support-bot",
                    categories,
                    "old-by-model",
                    "forward",
                    "anthropic",
                    null,
                    "claude-haiku-4-5",
                    List.of(),
                    where);
        } else {
            request(
                    events,
                    t,
                    id,
                    "support-prod",
                    "customer-care",
                    "support-bot",
                    categories,
                    "pii-pseudonymized",
                    "redact",
                    "mistral-eu",
                    "eu-mistral",
                    "mistral-large-latest",
                    List.copyOf(categories.keySet()),
                    where);
            if (fallsBack) fallBack(events, id, where);
        }
    }

    /**
     * Turns the last request written into one whose first target, Mistral, answered 529: a fallback event to the
     * self-hosted model before its completion, which then names that model.
     */
    private static void fallBack(List<AuditEvent> events, String id, Map<String, ProviderFacts> where) {
        AuditEvent completion = events.remove(events.size() - 1);
        AuditEvent decision = events.get(events.size() - 1);
        ProviderFacts local = where.get("local");
        AuditEvent.Route to = new AuditEvent.Route(
                decision.route().rule(),
                decision.route().action(),
                "local",
                local.region(),
                local.jurisdiction(),
                "mistral-large-latest",
                decision.route().policyRoute(),
                decision.route().redacted());
        events.add(new AuditEvent(
                AuditEvent.Type.FALLBACK,
                decision.time().plusMillis(600),
                id,
                decision.subject(),
                null,
                null,
                null,
                to,
                null,
                new AuditEvent.Result(529, null, null, null, null, null, "upstream.529", null),
                null));
        events.add(new AuditEvent(
                completion.type(),
                completion.time(),
                id,
                completion.subject(),
                completion.request(),
                null,
                null,
                to,
                null,
                completion.result(),
                null));
    }

    private static void request(
            List<AuditEvent> events,
            Instant t,
            String id,
            String key,
            String team,
            String workload,
            Map<String, Integer> categories,
            String rule,
            String action,
            String provider,
            String policyRoute,
            String model,
            List<String> redacted,
            Map<String, ProviderFacts> where) {
        ProviderFacts p = provider == null ? null : where.get(provider);
        AuditEvent.Subject subject = new AuditEvent.Subject(key, team, workload);
        AuditEvent.Request request = new AuditEvent.Request(
                "openai", "chat_completions", model == null ? "claude-sonnet-4-5" : model, false, 900L);
        events.add(new AuditEvent(
                AuditEvent.Type.DECISION,
                t,
                id,
                subject,
                request,
                categories.isEmpty() ? null : categories,
                null,
                new AuditEvent.Route(
                        rule,
                        action,
                        provider,
                        p == null ? null : p.region(),
                        p == null ? null : p.jurisdiction(),
                        model,
                        policyRoute,
                        redacted),
                List.of(
                        new AuditEvent.GuaranteeCheck("secrets-never-leave", true),
                        new AuditEvent.GuaranteeCheck("special-in-eu", true)),
                null,
                null));
        if (provider == null) return;
        long in = 400 + (id.hashCode() & 0x3ff);
        long out = 120 + (id.hashCode() >>> 22 & 0xff);
        events.add(new AuditEvent(
                AuditEvent.Type.COMPLETION,
                t.plusMillis(1800),
                id,
                subject,
                request,
                null,
                null,
                new AuditEvent.Route(
                        rule, action, provider, p.region(), p.jurisdiction(), model, policyRoute, redacted),
                null,
                new AuditEvent.Result(200, 1800L, 420L, in, out, null, null, null),
                null));
    }
}
