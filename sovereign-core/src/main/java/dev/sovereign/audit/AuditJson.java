package dev.sovereign.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON form of audit data. Hashes and signatures are computed over the RFC 8785 (JCS) canonical form:
 * keys sorted, no white space, one way to write each string and number, so that any other implementation can
 * recompute them from the stored text. Thread-safe.
 *
 * <p>Audit values hold only strings, integers, booleans, objects and arrays, and for those Jackson's output
 * with sorted keys, lower-case hex escapes and no other escaping is already JCS; {@code AuditJsonTest}
 * checks that against an independent JCS implementation. Writing it directly costs a third of
 * canonicalizing Jackson's output afterwards, and this runs on the event loop twice per request.
 */
public final class AuditJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Accessors through generated lambdas instead of reflection: a sixth of a request's CPU was serializing
            // its two audit events, a third of that reflective calls (BENCHMARKS.md, "CPU per request").
            .addModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private AuditJson() {}

    /**
     * A verification report as the admin API ({@code GET /admin/audit/verify}) and {@code sovereign audit verify
     * --json} both write it: snake_case fields, break kinds in lower case, {@code seq} only on breaks tied to one.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode verifyReport(VerifyReport report) {
        com.fasterxml.jackson.databind.node.ObjectNode root = MAPPER.createObjectNode();
        root.put("intact", report.intact());
        root.put("events", report.events());
        root.put("fully_anchored", report.fullyAnchored());
        root.put("time_stamps_checked", report.timeStampsChecked());
        com.fasterxml.jackson.databind.node.ArrayNode chains = root.putArray("chains");
        for (VerifyReport.Chain c : report.chains()) {
            chains.addObject()
                    .put("writer", c.writer())
                    .put("first_seq", c.firstSeq())
                    .put("last_seq", c.lastSeq())
                    .put("events", c.events())
                    .put("checkpoints", c.checkpoints())
                    .put("anchored", c.anchored())
                    .put("anchored_after_crash", c.anchoredAfterCrash())
                    .put("unanchored", c.unanchored())
                    .put("pruned_through", c.prunedThrough())
                    .put("breaks", c.breaks());
            if (report.timeStampsChecked()) {
                com.fasterxml.jackson.databind.node.ObjectNode last =
                        (com.fasterxml.jackson.databind.node.ObjectNode) chains.get(chains.size() - 1);
                last.put("time_stamped", c.timeStamped()).put("time_stamp_overdue", c.timeStampOverdue());
                if (c.lastTimeStamp() != null)
                    last.put("last_time_stamp", c.lastTimeStamp().toString());
            }
        }
        com.fasterxml.jackson.databind.node.ArrayNode breaks = root.putArray("breaks");
        for (VerifyReport.Break b : report.breaks()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = breaks.addObject();
            n.put("writer", b.writer());
            if (b.seq() >= 0) n.put("seq", b.seq());
            n.put("kind", b.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("message", b.message());
        }
        com.fasterxml.jackson.databind.node.ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The canonical JSON text of {@code value}. */
    public static String canonical(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("audit value cannot be written as JSON", e);
        }
    }

    /** The stored text of a chained event, parsed: the event and its place in the chain. */
    public record Body(AuditEvent event, long seq, String writer) {}

    public static Body body(String json) {
        try {
            return MAPPER.readValue(json, Body.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON string literal in canonical form. */
    public static String canonicalString(String value) {
        String wrapped = canonical(java.util.Map.of("s", value)); // {"s":"…"}
        return wrapped.substring(5, wrapped.length() - 1);
    }

    public static AuditEvent event(String json) {
        try {
            return MAPPER.readValue(json, AuditEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an audit event: " + e.getOriginalMessage(), e);
        }
    }
}
