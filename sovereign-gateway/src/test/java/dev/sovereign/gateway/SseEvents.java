package dev.sovereign.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A server-sent event stream read back from its text: each event's name ({@code null} without one) and data. */
record SseEvents(List<Event> events) {
    record Event(String name, String data) {
        JsonNode json() {
            try {
                return Http.JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + data, e);
            }
        }

        boolean done() {
            return "[DONE]".equals(data);
        }
    }

    static SseEvents parse(String text) {
        List<Event> events = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").split("\n\n")) {
            if (block.isBlank()) continue;
            String name = null;
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) name = line.substring(6).strip();
                else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring(5).stripLeading());
                }
            }
            events.add(new Event(name, data == null ? null : data.toString()));
        }
        return new SseEvents(List.copyOf(events));
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    /** The data of the events called {@code name}, as JSON. */
    List<JsonNode> data(String name) {
        return events.stream()
                .filter(e -> name.equals(e.name()))
                .map(Event::json)
                .toList();
    }

    /** The data of data-only events other than {@code [DONE]}, as JSON (OpenAI chunks). */
    List<JsonNode> chunks() {
        return events.stream()
                .filter(e -> e.name() == null && !e.done())
                .map(Event::json)
                .toList();
    }

    Event last() {
        return events.get(events.size() - 1);
    }
}
