package dev.sovereign.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditTime;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.cost.CostReport;
import dev.sovereign.cost.CostReportJson;
import dev.sovereign.gateway.audit.Auditor;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.index.Weights;
import dev.sovereign.policy.Explainer;
import dev.sovereign.report.OrganisationReport;
import dev.sovereign.report.Posture;
import dev.sovereign.report.PostureBuilder;
import dev.sovereign.report.ReportContext;
import dev.sovereign.report.ReportDocument;
import dev.sovereign.report.ReportJson;
import dev.sovereign.report.RiskEvents;
import dev.sovereign.residency.ResidencyAssessment;
import dev.sovereign.residency.ResidencyReport;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports of the admin API, the same figures as {@code sovereign report} and {@code sovereign index}:
 *
 * <ul>
 *   <li>{@code GET /admin/reports/posture} — the organisation's posture from the audit trail ({@code from}, default
 *       30 days ago; {@code to}, default now; {@code granularity} day, week or month);
 *   <li>{@code GET /admin/reports/assessment} — the residency assessment of each workload ({@code workloads.yaml}
 *       in the configuration directory, the policy in force and the trail of the window), as {@code sovereign assess
 *       --format json};
 *   <li>{@code GET /admin/reports/costs} — spend from the trail and the what-if options ({@code utilisation} of
 *       self-hosted offers in (0, 1]), as {@code sovereign cost --format json};
 *   <li>{@code GET /admin/reports/index} — the Sovereignty Index of every deployment;
 *   <li>{@code GET /admin/reports/vendor-events} — the vendor risk events on record;
 *   <li>{@code GET /admin/reports/document} — the whole report, {@code format} json (default), markdown or html.
 * </ul>
 *
 * Every report also takes {@code as_of} (the date facts are taken as of; default the end of the window),
 * {@code weights} ({@code J,L,I,C}) and {@code domicile}. Unknown parameters and bad values get a 400 naming them.
 * The index and profiles are read afresh for each request, on a worker thread.
 */
final class ReportsApi {
    private static final Logger LOG = LoggerFactory.getLogger(ReportsApi.class);
    static final String PREFIX = "/admin/reports/";
    private static final Set<String> COMMON = Set.of("as_of", "weights", "domicile");
    private static final Set<String> WINDOW = Set.of("from", "to", "granularity");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final Auditor auditor;
    private final Supplier<Explainer> explainer;
    private final Clock clock;

    ReportsApi(Vertx vertx, GatewayConfig config, Supplier<Explainer> explainer, Auditor auditor, Clock clock) {
        this.vertx = vertx;
        this.explainer = explainer;
        this.config = config;
        this.auditor = auditor;
        this.clock = clock;
    }

    void handle(Exchange ex, String path) {
        String name = path.substring(PREFIX.length());
        Callable<Reply> work;
        try {
            work = work(name, ex.request().params());
        } catch (NoSuchReport e) {
            ex.fail(new GatewayFailure(
                    FailureKind.NOT_FOUND,
                    "No report '" + AdminApi.safe(name) + "'; there are " + PREFIX + "posture, " + PREFIX
                            + "assessment, " + PREFIX + "costs, " + PREFIX + "index, " + PREFIX + "vendor-events and "
                            + PREFIX + "document."));
            return;
        } catch (IllegalArgumentException e) {
            ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, e.getMessage()));
            return;
        }
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                ex.response()
                        .putHeader("content-type", ar.result().contentType())
                        .end(Buffer.buffer(ar.result().body().getBytes(StandardCharsets.UTF_8)));
                return;
            }
            Throwable cause = ar.cause();
            if (cause instanceof IllegalArgumentException) {
                // A broken profile or events file in the configuration directory: the operator's to fix.
                LOG.warn("report {} failed: {}", name, cause.getMessage());
                ex.fail(new GatewayFailure(
                        FailureKind.INTERNAL, "The report cannot be computed: " + cause.getMessage()));
                return;
            }
            LOG.warn("report {} for {} failed: {}", name, ex.requestId(), cause.toString());
            ex.fail(new GatewayFailure(
                    FailureKind.AUDIT_UNAVAILABLE, "The audit store cannot be read right now; retry shortly."));
        });
    }

    /**
     * The work of report {@code name} with its parameters checked (on the event loop, so that a bad parameter is
     * answered at once), to run on a worker thread.
     */
    private Callable<Reply> work(String name, MultiMap params) {
        return switch (name) {
            case "posture" -> {
                Request r = request(params, WINDOW, Set.of());
                yield () -> Reply.json(posture(r, r.context(config)).toJson());
            }
            case "index" -> {
                Request r = request(params, Set.of(), Set.of());
                yield () -> Reply.json(r.context(config).indexReport().json());
            }
            case "vendor-events" -> {
                Request r = request(params, Set.of(), Set.of());
                yield () -> {
                    ReportContext ctx = r.context(config);
                    return Reply.json(RiskEvents.json(ctx.index().catalog().events(), ctx.asOf()));
                };
            }
            case "assessment" -> {
                Request r = request(params, WINDOW, Set.of());
                yield () -> Reply.json(assessment(r, r.context(config)).toJsonTree());
            }
            case "costs" -> {
                Request r = request(params, WINDOW, Set.of("utilisation"));
                double utilisation = utilisation(params.get("utilisation"));
                yield () -> Reply.json(CostReportJson.of(costs(r, r.context(config), utilisation)));
            }
            case "document" -> {
                Request r = request(params, WINDOW, Set.of("format"));
                String format = params.get("format") == null ? "json" : params.get("format");
                if (!List.of("json", "markdown", "html").contains(format)) {
                    throw new IllegalArgumentException("format must be json, markdown or html");
                }
                yield () -> document(r, format);
            }
            default -> throw new NoSuchReport(name);
        };
    }

    /** The organisation's report as one document; the index is read once for every section. */
    private Reply document(Request r, String format) throws Exception {
        ReportContext ctx = r.context(config);
        ReportDocument doc = OrganisationReport.document(
                ctx,
                posture(r, ctx),
                assessment(r, ctx),
                costs(r, ctx, config.prices().utilisation()),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        return switch (format) {
            case "markdown" -> new Reply("text/markdown; charset=utf-8", doc.markdown());
            case "html" -> new Reply("text/html; charset=utf-8", doc.html());
            default -> Reply.json(doc.json());
        };
    }

    private ResidencyReport assessment(Request r, ReportContext ctx) {
        return ResidencyAssessment.run(
                config,
                explainer.get(),
                ctx.index(),
                ctx.asOf(),
                store(),
                r.from,
                r.to,
                "auditing is off: the assessment is from the policy alone");
    }

    private CostReport costs(Request r, ReportContext ctx, double utilisation) {
        return ctx.costs(config.prices(), store(), r.from, r.to, utilisation);
    }

    private double utilisation(String value) {
        if (value == null) return config.prices().utilisation();
        double u;
        try {
            u = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            u = Double.NaN;
        }
        if (!(u > 0 && u <= 1))
            throw new IllegalArgumentException("utilisation must be a number more than 0 and at most 1");
        return u;
    }

    private AuditStore store() {
        return auditor.enabled() ? auditor.store() : null;
    }

    private Posture posture(Request r, ReportContext ctx) {
        return ctx.posture(store(), r.from, r.to, r.granularity);
    }

    /** The parsed parameters of one report request. */
    private record Request(
            Instant from,
            Instant to,
            PostureBuilder.Granularity granularity,
            LocalDate asOf,
            Weights weights,
            String domicile) {
        ReportContext context(GatewayConfig config) {
            return ReportContext.of(config, weights, domicile, asOf);
        }
    }

    private Request request(MultiMap params, Set<String> window, Set<String> extra) {
        Set<String> allowed = new TreeSet<>(COMMON);
        allowed.addAll(window);
        allowed.addAll(extra);
        for (String n : params.names()) {
            if (!allowed.contains(n)) {
                throw new IllegalArgumentException(
                        "unknown parameter '" + AdminApi.safe(n) + "'; expected one of: " + String.join(", ", allowed));
            }
        }
        // Up to and including the current millisecond, the resolution events are stored at.
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        Instant from = time(params.get("from"), "30d", AuditTime.DateAs.START_OF_DAY);
        Instant to = params.get("to") == null ? now : time(params.get("to"), null, AuditTime.DateAs.END_OF_DAY);
        if (from.isAfter(to)) throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
        PostureBuilder.Granularity granularity =
                PostureBuilder.Granularity.of(params.get("granularity") == null ? "day" : params.get("granularity"));
        LocalDate asOf;
        try {
            asOf = params.get("as_of") == null
                    ? to.minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate()
                    : LocalDate.parse(params.get("as_of"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("as_of must be a date (YYYY-MM-DD)");
        }
        Weights weights = params.get("weights") == null ? Weights.PUBLISHED : Weights.parse(params.get("weights"));
        String domicile = params.get("domicile") == null ? "eu" : params.get("domicile");
        if (!domicile.matches("[a-z]{2,3}")) throw new IllegalArgumentException("domicile must be a code such as eu");
        return new Request(from, to, granularity, asOf, weights, domicile);
    }

    private Instant time(String value, String fallback, AuditTime.DateAs dateAs) {
        String v = value == null ? fallback : value;
        return AuditTime.parse(v, clock, dateAs).truncatedTo(ChronoUnit.SECONDS);
    }

    private record Reply(String contentType, String body) {
        static Reply json(JsonNode node) throws Exception {
            return new Reply("application/json", ReportJson.MAPPER.writeValueAsString(node));
        }
    }

    private static final class NoSuchReport extends RuntimeException {
        NoSuchReport(String name) {
            super(name, null, false, false);
        }
    }
}
