package dev.sovereign.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.testing.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as the fake upstream received it, fully read.
 *
 * @param method the HTTP method, upper case ({@code POST})
 * @param path the path without the query string ({@code /v1/messages})
 * @param query the raw query string without {@code ?}, or {@code null} when there is none
 * @param headers every header, names in lower case, values in arrival order; unmodifiable
 * @param body the raw body bytes (empty, never {@code null}); callers must not modify the array
 */
public record RecordedRequest(
        String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (name matched case-insensitively), or {@code null} when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON.
     *
     * @throws UncheckedIOException when the body is not JSON
     */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request body of " + method + " " + path + " is not JSON", e);
        }
    }

    /** Equal when every component is equal, the body compared by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedRequest that
                && method.equals(that.method)
                && path.equals(that.path)
                && java.util.Objects.equals(query, that.query)
                && headers.equals(that.headers)
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, path, query, headers) * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " (" + body.length + " bytes)";
    }
}
