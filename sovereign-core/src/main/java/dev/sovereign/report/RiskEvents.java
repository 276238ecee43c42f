package dev.sovereign.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.index.VendorEvent;
import java.time.LocalDate;
import java.util.List;

/** The vendor risk events on record up to a date, newest first, as a report section. */
public final class RiskEvents {
    private RiskEvents() {}

    public static List<VendorEvent> upTo(List<VendorEvent> events, LocalDate asOf) {
        return events.stream()
                .filter(e -> !e.date().isAfter(asOf))
                .sorted((a, b) -> b.date().compareTo(a.date()))
                .toList();
    }

    public static String markdown(List<VendorEvent> events, LocalDate asOf) {
        StringBuilder md = new StringBuilder("# Vendor risk events\n\n");
        List<VendorEvent> shown = upTo(events, asOf);
        if (shown.isEmpty())
            return md.append("No vendor risk event is on record up to ")
                    .append(asOf)
                    .append(".\n")
                    .toString();
        md.append("Events that changed a provider's risk profile, up to ")
                .append(asOf)
                .append(", applied to the index from their dates.\n\n");
        md.append("| date | deployments | what happened | dimension | effect | source |\n|---|---|---|---|---|---|\n");
        for (VendorEvent e : shown) {
            md.append("| ")
                    .append(e.date())
                    .append(" | ")
                    .append(String.join(", ", e.profiles()))
                    .append(" | ")
                    .append(PostureMarkdown.cell(e.title()))
                    .append(" | ")
                    .append(e.dimension())
                    .append(" | ")
                    .append(PostureMarkdown.cell(e.effect() == null ? "" : e.effect()))
                    .append(" | ")
                    .append(e.source())
                    .append(" |\n");
        }
        return md.toString();
    }

    public static JsonNode json(List<VendorEvent> events, LocalDate asOf) {
        ArrayNode out = ReportJson.MAPPER.createArrayNode();
        for (VendorEvent e : upTo(events, asOf)) {
            ObjectNode n = out.addObject();
            n.put("date", e.date().toString());
            ArrayNode p = n.putArray("profiles");
            e.profiles().forEach(p::add);
            n.put("title", e.title());
            n.put("dimension", e.dimension());
            n.put("effect", e.effect());
            n.put("source", e.source());
            ObjectNode ch = n.putObject("changes");
            e.changes().forEach((k, v) -> {
                ArrayNode a = ch.putArray(k);
                v.forEach(a::add);
            });
        }
        return out;
    }
}
