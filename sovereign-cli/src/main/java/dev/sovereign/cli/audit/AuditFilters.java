package dev.sovereign.cli.audit;

import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditQuery;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The filters that {@code audit query} and {@code audit export} share; every one left out matches anything. */
final class AuditFilters {
    @Option(names = "--from", paramLabel = "TIME", description = "Events at or after TIME: " + TimeArgument.FORMS + ".")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Events before TIME (a date includes its whole day).")
    String to;

    @Option(names = "--type", paramLabel = "TYPE", description = "decision, fallback or completion.")
    String type;

    @Option(names = "--request-id", paramLabel = "ID", description = "One request's events.")
    String requestId;

    @Option(names = "--workload", paramLabel = "NAME", description = "The client key's workload.")
    String workload;

    @Option(names = "--key", paramLabel = "ID", description = "The client key's id.")
    String key;

    @Option(names = "--team", paramLabel = "NAME", description = "The client key's team.")
    String team;

    @Option(
            names = "--category",
            paramLabel = "CATEGORY",
            description = "Events whose request carried this category (pii.email) or family (special.*).")
    String category;

    @Option(names = "--provider", paramLabel = "ID", description = "The provider the request was routed to.")
    String provider;

    @Option(names = "--jurisdiction", paramLabel = "CODE", description = "The provider's jurisdiction (eu, us, …).")
    String jurisdiction;

    @Option(names = "--action", paramLabel = "ACTION", description = "What the gateway decided (forward, block, …).")
    String action;

    /**
     * The query these filters make.
     *
     * @throws CommandFailure when a time, the type, the limit or the order of --from and --to is wrong
     */
    AuditQuery query(Clock clock, int limit, Long before) {
        Instant f = from == null ? null : TimeArgument.parse("--from", from, clock, TimeArgument.DateAs.START_OF_DAY);
        Instant t = to == null ? null : TimeArgument.parse("--to", to, clock, TimeArgument.DateAs.END_OF_DAY);
        String typeId = null;
        if (type != null) {
            try {
                typeId = AuditEvent.Type.of(type).id();
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--type: " + e.getMessage());
            }
        }
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new CommandFailure("--limit: must be between 1 and " + AuditQuery.MAX_LIMIT + ", not " + limit);
        }
        if (f != null && t != null && f.isAfter(t)) {
            throw new CommandFailure("--from (" + f + ") is after --to (" + t + ")");
        }
        try {
            return new AuditQuery(
                    f,
                    t,
                    typeId,
                    requestId,
                    workload,
                    key,
                    team,
                    category,
                    provider,
                    jurisdiction,
                    action,
                    limit,
                    before);
        } catch (IllegalArgumentException e) {
            String option = e.getMessage().startsWith("category") ? "--category" : "--jurisdiction";
            throw new CommandFailure(option + ": " + e.getMessage());
        }
    }
}
