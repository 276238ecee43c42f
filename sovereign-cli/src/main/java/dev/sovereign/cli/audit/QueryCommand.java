package dev.sovereign.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditPage;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.ContentSealer;
import dev.sovereign.audit.StoredEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sovereign audit query}: one page of matching events, newest first, as a table or as JSON. Captured
 * content stays sealed unless {@code --decrypt} is given, which opens it with the key in
 * {@value ContentSealer#KEY_ENV}.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "List audit events, newest first, one page at a time (--cursor gives the next page).")
final class QueryCommand extends AuditSubcommand {
    @Mixin
    AuditFilters filters;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "Events per page, 1-1000. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--cursor", paramLabel = "C", description = "Start after this cursor (printed with each page).")
    Long cursor;

    @Option(
            names = "--json",
            description = "Print {\"events\":[…],\"next\":cursor}: each event as recorded, with writer, seq and hash.")
    boolean json;

    @Option(
            names = "--decrypt",
            description =
                    "Show captured prompt and answer text, decrypted with the key in " + ContentSealer.KEY_ENV + ".")
    boolean decrypt;

    @Override
    int run() {
        AuditQuery query = filters.query(clock, limit, cursor);
        ContentSealer sealer = decrypt ? sealer() : null;
        AuditPage page;
        try (AuditStore store = openStore(audit())) {
            page = store.query(query);
        }
        if (json) {
            out().println(json(page, sealer));
        } else {
            table(out(), page, sealer);
        }
        return OK;
    }

    private ContentSealer sealer() {
        String key = env.get(ContentSealer.KEY_ENV);
        if (key == null || key.isBlank()) {
            throw new CommandFailure("--decrypt needs the capture key in " + ContentSealer.KEY_ENV);
        }
        try {
            return ContentSealer.of(key);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private static String json(AuditPage page, ContentSealer sealer) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode events = root.putArray("events");
        for (StoredEvent stored : page.events()) {
            // The event as recorded (unknown fields kept), not as this version's record would write it.
            ObjectNode event = recorded(mapper, stored);
            event.put("writer", stored.writer());
            event.put("seq", stored.seq());
            event.put("hash", stored.hash());
            if (sealer != null && event.get("content") instanceof ObjectNode content) {
                AuditEvent e = EventRow.event(stored);
                try {
                    content.put("text", sealer.open(e.content(), e.requestId()));
                } catch (IllegalArgumentException failure) {
                    content.put("error", failure.getMessage());
                }
            }
            events.add(event);
        }
        if (page.next() == null) root.putNull("next");
        else root.put("next", page.next());
        return root.toString();
    }

    private static ObjectNode recorded(ObjectMapper mapper, StoredEvent stored) {
        try {
            if (mapper.readTree(stored.body()).get("event") instanceof ObjectNode event) return event;
        } catch (JsonProcessingException e) {
            // not JSON at all: unreadable, as below
        }
        throw EventRow.unreadable(stored);
    }

    private static void table(PrintWriter out, AuditPage page, ContentSealer sealer) {
        if (page.events().isEmpty()) {
            out.println("No events match.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "TIME", "TYPE", "REQUEST", "WORKLOAD", "KEY", "CATEGORIES", "ACTION", "PROVIDER", "JURISDICTION", "STATUS"
        });
        List<String> contents = new ArrayList<>();
        for (StoredEvent stored : page.events()) {
            EventRow r = EventRow.of(stored);
            rows.add(new String[] {
                r.time(),
                r.type(),
                r.requestId(),
                cell(r.workload()),
                cell(r.key()),
                cell(r.categories()),
                cell(r.action()),
                cell(r.provider()),
                cell(r.jurisdiction()),
                r.status() == null ? "-" : r.status().toString()
            });
            contents.add(sealer == null ? null : content(sealer, EventRow.event(stored)));
        }
        List<String> lines = Columns.lines(rows);
        out.println(lines.get(0));
        for (int i = 0; i < contents.size(); i++) {
            out.println(lines.get(i + 1));
            // Captured text, when asked for, below its event's row.
            if (contents.get(i) != null) contents.get(i).lines().forEach(l -> out.println("    | " + printable(l)));
        }
        int n = page.events().size();
        out.println();
        out.println(n
                + (n == 1 ? " event" : " events")
                + (page.next() == null ? "" : "; next page: --cursor " + page.next()));
    }

    private static String content(ContentSealer sealer, AuditEvent e) {
        if (e.content() == null) return null;
        try {
            return sealer.open(e.content(), e.requestId());
        } catch (IllegalArgumentException failure) {
            return "(" + failure.getMessage() + ")";
        }
    }

    /** {@code line} with control characters (terminal escapes among them) shown as {@code \\uXXXX}. */
    private static String printable(String line) {
        StringBuilder b = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if (c != '\t' && Character.isISOControl(c)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }

    private static String cell(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
