package dev.sovereign.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.UsageLimits;
import dev.sovereign.gateway.limits.RequestLimits;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.limits.LimitPlan;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /admin/limits}: every key, team and workload that has usage limits, each limit with what has been used of
 * it in its current window and when that window ends. Spend is in US dollars.
 */
final class LimitsApi {
    static final String PATH = "/admin/limits";

    private final RequestLimits limits;
    private final ObjectMapper mapper;
    private final Clock clock;

    LimitsApi(RequestLimits limits, ObjectMapper mapper, Clock clock) {
        this.limits = limits;
        this.mapper = mapper;
        this.clock = clock;
    }

    void handle(Exchange ex) {
        Instant now = clock.instant();
        Context context = Vertx.currentContext();
        limits.use(now)
                .whenComplete((uses, failure) -> context.runOnContext(v -> {
                    if (failure != null) {
                        ex.fail(new GatewayFailure(
                                dev.sovereign.gateway.wire.FailureKind.LIMITS_UNAVAILABLE,
                                "The " + limits.store().kind() + " store of usage counters cannot be read right now."));
                        return;
                    }
                    ObjectNode body = mapper.createObjectNode();
                    body.put("store", limits.store().kind());
                    body.put("on_redis_failure", limits.onFailure().name().toLowerCase(Locale.ROOT));
                    ArrayNode list = body.putArray("limits");
                    for (RequestLimits.Use use : uses) {
                        ObjectNode o = list.addObject();
                        o.put("scope", use.scope());
                        o.put("id", use.id());
                        ArrayNode each = o.putArray("limits");
                        for (Map.Entry<LimitPlan.Kind, Long> e : use.used().entrySet()) {
                            LimitPlan.Kind kind = e.getKey();
                            ObjectNode l = each.addObject();
                            l.put("limit", kind.setting());
                            if (kind.spend()) {
                                l.put("max", Double.parseDouble(UsageLimits.usd(kind.of(use.limits()))));
                                l.put("used", Double.parseDouble(UsageLimits.usd(e.getValue())));
                            } else {
                                l.put("max", kind.of(use.limits()));
                                l.put("used", e.getValue());
                            }
                            Instant end = kind.windowEnd(now);
                            if (end != null) l.put("resets_at", end.toString());
                        }
                    }
                    ex.response()
                            .putHeader("content-type", "application/json")
                            .putHeader("cache-control", "no-store")
                            .end(body.toString());
                }));
    }
}
