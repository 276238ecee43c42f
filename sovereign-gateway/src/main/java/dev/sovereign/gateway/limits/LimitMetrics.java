package dev.sovereign.gateway.limits;

/** What the usage limits tell the metrics. */
public interface LimitMetrics {
    /** A request refused by the limit of {@code kind} ({@code requests_per_minute}, …) of a {@code scope}. */
    void limited(String scope, String kind);

    /** The store of counters could not be asked; {@code letThrough} says whether the request went on. */
    void limitStoreFailed(boolean letThrough);

    LimitMetrics NONE = new LimitMetrics() {
        @Override
        public void limited(String scope, String kind) {}

        @Override
        public void limitStoreFailed(boolean letThrough) {}
    };
}
