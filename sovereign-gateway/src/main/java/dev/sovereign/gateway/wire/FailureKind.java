package dev.sovereign.gateway.wire;

/**
 * The gateway's failure taxonomy: each kind has an HTTP status, a stable machine key that clients and
 * dashboards can rely on, the error type of each inbound API, and whether a client may retry.
 */
public enum FailureKind {
    INVALID_JSON(400, "sovereign.invalid_json", "invalid_request_error", "invalid_request_error", false),
    INVALID_REQUEST(400, "sovereign.invalid_request", "invalid_request_error", "invalid_request_error", false),
    UNAUTHENTICATED(401, "sovereign.unauthenticated", "authentication_error", "invalid_request_error", false),
    FORBIDDEN(403, "sovereign.forbidden", "permission_error", "invalid_request_error", false),
    CSRF_REJECTED(403, "sovereign.csrf_rejected", "permission_error", "invalid_request_error", false),
    NOT_FOUND(404, "sovereign.not_found", "not_found_error", "invalid_request_error", false),
    METHOD_NOT_ALLOWED(405, "sovereign.method_not_allowed", "invalid_request_error", "invalid_request_error", false),
    NO_ROUTE(404, "sovereign.no_route", "not_found_error", "invalid_request_error", false),
    FORMAT_UNSUPPORTED(400, "sovereign.format_unsupported", "invalid_request_error", "invalid_request_error", false),
    UNTRANSLATABLE(400, "sovereign.untranslatable", "invalid_request_error", "invalid_request_error", false),
    GUARANTEE_VIOLATION(403, "sovereign.guarantee_violation", "permission_error", "invalid_request_error", false),
    BLOCKED_BY_POLICY(403, "sovereign.blocked_by_policy", "permission_error", "invalid_request_error", false),
    BODY_TOO_LARGE(413, "sovereign.body_too_large", "request_too_large", "invalid_request_error", false),
    UNSUPPORTED_MEDIA_TYPE(
            415, "sovereign.unsupported_media_type", "invalid_request_error", "invalid_request_error", false),
    UPSTREAM_TIMEOUT(504, "sovereign.upstream_timeout", "timeout_error", "timeout", true),
    UPSTREAM_UNREACHABLE(502, "sovereign.upstream_unreachable", "api_error", "server_error", true),
    UPSTREAM_DISCONNECTED(502, "sovereign.upstream_disconnected", "api_error", "server_error", true),
    UPSTREAM_INVALID_RESPONSE(502, "sovereign.upstream_invalid_response", "api_error", "server_error", true),
    PROVIDER_UNAVAILABLE(503, "sovereign.provider_unavailable", "overloaded_error", "server_error", true),
    PROVIDER_BUSY(503, "sovereign.provider_busy", "overloaded_error", "server_error", true),
    /** The gateway holds no valid credential for the provider (its token could not be obtained or refreshed yet). */
    UPSTREAM_AUTH_UNAVAILABLE(503, "sovereign.upstream_auth_unavailable", "api_error", "server_error", true),
    AUDIT_UNAVAILABLE(503, "sovereign.audit_unavailable", "api_error", "server_error", true),
    SHUTTING_DOWN(503, "sovereign.shutting_down", "overloaded_error", "server_error", true),
    TOO_MANY_CONNECTIONS(503, "sovereign.too_many_connections", "overloaded_error", "server_error", true),
    /** The request bodies being read already hold the gateway's memory budget for bodies. */
    OVERLOADED(503, "sovereign.overloaded", "overloaded_error", "server_error", true),
    /** The key, team or workload has used its requests, tokens per minute or concurrent requests. */
    RATE_LIMITED(429, "sovereign.rate_limited", "rate_limit_error", "rate_limit_exceeded", true),
    /** The key, team or workload has used its token or spend budget of the day or month. */
    BUDGET_EXCEEDED(429, "sovereign.budget_exceeded", "rate_limit_error", "insufficient_quota", true),
    /** The shared store of usage counters cannot be asked, and the limits refuse requests meanwhile. */
    LIMITS_UNAVAILABLE(503, "sovereign.limits_unavailable", "api_error", "server_error", true),
    /** A client stopped sending its request body for longer than the body idle timeout. */
    REQUEST_TIMEOUT(408, "sovereign.request_timeout", "timeout_error", "timeout", true),
    /** The store the replicas share the dashboard's sessions through cannot be asked. */
    SESSIONS_UNAVAILABLE(503, "sovereign.sessions_unavailable", "api_error", "server_error", true),
    INTERNAL(500, "sovereign.internal_error", "api_error", "server_error", true);

    private final int status;
    private final String key;
    private final String anthropicType;
    private final String openAiType;
    private final boolean retryable;

    FailureKind(int status, String key, String anthropicType, String openAiType, boolean retryable) {
        this.status = status;
        this.key = key;
        this.anthropicType = anthropicType;
        this.openAiType = openAiType;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public String anthropicType() {
        return anthropicType;
    }

    public String openAiType() {
        return openAiType;
    }

    public boolean retryable() {
        return retryable;
    }
}
