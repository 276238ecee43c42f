package dev.sovereign.residency;

import dev.sovereign.audit.AuditedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What the trail shows the gateway did: for each workload, category, provider and region, how many forwarded
 * requests carried values of the category to the provider ({@link AuditedRequest#reaching()}), by which rules and for
 * which requested models. Categories redacted before forwarding are kept apart ({@link Observed#redacted()}): a
 * masked value does not reach the provider, a pseudonymized one reaches it as personal data (GDPR Art. 4(5)), and
 * which it was depends on the rule. Feed it with {@code
 * AuditedRequests.read(store, from, to, traffic)}.
 *
 * <p>Holds counts only, never values or text. Not thread-safe.
 */
public final class Traffic implements Consumer<AuditedRequest> {
    /** The workload name of requests sent without a client key (or with a key that names none). */
    public static final String NO_WORKLOAD = "(none)";

    private final String store;
    private final Instant from;
    private final Instant to;
    private final Map<Key, Flow> flows = new TreeMap<>();
    private long requests;
    private long forwarded;

    /**
     * @param store where the trail was read, for the report (without credentials)
     * @param from the start of the window read, or {@code null}
     * @param to the end of the window read (exclusive), or {@code null}
     */
    public Traffic(String store, Instant from, Instant to) {
        this.store = store;
        this.from = from;
        this.to = to;
    }

    @Override
    public void accept(AuditedRequest r) {
        requests++;
        if (!r.forwarded()) return;
        forwarded++;
        String workload = r.workload() == null || r.workload().isBlank() ? NO_WORKLOAD : r.workload();
        for (String category : r.categories().keySet()) {
            boolean redacted = !r.reaching().contains(category);
            Flow f = flows.computeIfAbsent(
                    new Key(workload, category, r.provider(), r.region() == null ? "" : r.region(), redacted),
                    k -> new Flow());
            f.requests++;
            if (r.rule() != null) f.rules.add(r.rule());
            if (r.model() != null) f.models.add(r.model());
            if (r.time() != null) {
                if (f.first == null || r.time().isBefore(f.first)) f.first = r.time();
                if (f.last == null || r.time().isAfter(f.last)) f.last = r.time();
            }
        }
    }

    /** The requests read, forwarded or not. */
    public long requests() {
        return requests;
    }

    /** The requests read that were forwarded to a provider. */
    public long forwarded() {
        return forwarded;
    }

    public String store() {
        return store;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /** The workloads whose forwarded requests carried any category, sorted. */
    public Set<String> workloads() {
        Set<String> names = new TreeSet<>();
        for (Key k : flows.keySet()) names.add(k.workload());
        return names;
    }

    /** The categories that reached a provider (in clear), sorted. */
    public Set<String> categories() {
        Set<String> names = new TreeSet<>();
        for (Key k : flows.keySet()) if (!k.redacted()) names.add(k.category());
        return names;
    }

    /** The flows of {@code workload}, in order of category, provider and region. */
    public List<Observed> of(String workload) {
        List<Observed> out = new ArrayList<>();
        flows.forEach((k, f) -> {
            if (k.workload().equals(workload)) {
                out.add(new Observed(
                        k.category(),
                        k.provider(),
                        k.region().isEmpty() ? null : k.region(),
                        f.requests,
                        List.copyOf(f.rules),
                        List.copyOf(f.models),
                        f.first,
                        f.last,
                        k.redacted()));
            }
        });
        return out;
    }

    /**
     * Requests that carried values of {@code category} to one provider region, or ({@code redacted}) that carried the
     * category replaced by the decision's redaction: masked or pseudonymized, as the rule says.
     */
    public record Observed(
            String category,
            String provider,
            String region,
            long requests,
            List<String> rules,
            List<String> models,
            Instant first,
            Instant last,
            boolean redacted) {}

    private record Key(String workload, String category, String provider, String region, boolean redacted)
            implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::workload)
                .thenComparing(Key::category)
                .thenComparing(Key::provider)
                .thenComparing(Key::region)
                .thenComparing(Key::redacted);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private static final class Flow {
        long requests;
        final Set<String> rules = new TreeSet<>();
        final Set<String> models = new TreeSet<>();
        Instant first;
        Instant last;
    }
}
