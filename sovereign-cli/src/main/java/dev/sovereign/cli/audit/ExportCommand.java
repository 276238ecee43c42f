package dev.sovereign.cli.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sovereign.audit.AuditPage;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.StoredEvent;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sovereign audit export}: every matching event, newest first, paging through the store. JSON lines carry
 * each stored record exactly ({@code writer}, {@code seq}, {@code prev_hash}, {@code hash}, {@code body}), so
 * that another tool can recompute {@code hash = SHA-256(prev_hash bytes ‖ body)}; CSV carries the flattened
 * event for spreadsheets. A file given with {@code --out} appears only once the export is complete.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export matching audit events as JSON lines (the stored records, for independent hash checks)"
                + " or CSV.")
final class ExportCommand extends AuditSubcommand {
    enum Format {
        jsonl,
        csv
    }

    @Option(names = "--format", required = true, paramLabel = "jsonl|csv", description = "jsonl or csv.")
    Format format;

    @Mixin
    AuditFilters filters;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Override
    int run() throws IOException {
        AuditQuery query = filters.query(clock, AuditQuery.MAX_LIMIT, null);
        long n;
        try (AuditStore store = openStore(audit())) {
            if (out == null) {
                n = export(store, query, out());
            } else {
                n = exportToFile(store, query);
            }
        }
        err().println("exported " + n + (n == 1 ? " event" : " events") + (out == null ? "" : " to " + out));
        return OK;
    }

    /** Writes beside {@code out} and moves into place at the end, so a failed export leaves no partial file. */
    private long exportToFile(AuditStore store, AuditQuery query) throws IOException {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailure("cannot write " + out + ": " + e.getFile() + " is not a directory");
        }
        Path partial = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
        try {
            long n;
            try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                n = export(store, query, w);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private long export(AuditStore store, AuditQuery query, Writer w) throws IOException {
        ObjectMapper mapper = format == Format.csv ? new CsvMapper() : new ObjectMapper();
        mapper.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        CsvSchema schema = format == Format.csv
                ? ((CsvMapper) mapper).schemaFor(EventRow.class).withHeader()
                : null;
        long n = 0;
        try (SequenceWriter csv = schema == null ? null : mapper.writer(schema).writeValues(w)) {
            AuditPage page = store.query(query);
            while (true) {
                for (StoredEvent e : page.events()) {
                    if (csv != null) {
                        csv.write(EventRow.of(e));
                    } else {
                        w.write(mapper.writeValueAsString(record(mapper, e)));
                        w.write('\n');
                    }
                    n++;
                }
                if (page.next() == null) break;
                page = store.query(query.before(page.next()));
            }
        }
        w.flush();
        return n;
    }

    /** The stored record, with the hashed text as a string so that its bytes survive the round trip. */
    private static ObjectNode record(ObjectMapper mapper, StoredEvent e) {
        ObjectNode r = mapper.createObjectNode();
        r.put("writer", e.writer());
        r.put("seq", e.seq());
        r.put("prev_hash", e.prevHash());
        r.put("hash", e.hash());
        r.put("body", e.body());
        return r;
    }
}
