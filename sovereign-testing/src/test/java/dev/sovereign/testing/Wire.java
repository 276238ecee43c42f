package dev.sovereign.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Drives a fake upstream over real sockets with the JDK client (HTTP/1.1, like the SDKs' OkHttp). */
final class Wire {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String[] ANTHROPIC = {
        "x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01", "content-type", "application/json"
    };
    static final String[] OPENAI = {"authorization", "Bearer sk-test", "content-type", "application/json"};

    private Wire() {}

    static HttpResponse<String> post(FakeUpstream upstream, String path, String body, String... headers) {
        return send(request(upstream, path, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> get(FakeUpstream upstream, String path, String... headers) {
        return send(request(upstream, path, headers).GET());
    }

    static HttpRequest.Builder request(FakeUpstream upstream, String path, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    /** One SSE frame: its {@code event:} line (null when absent) and its {@code data:} payload. */
    record Sse(String event, String data) {
        JsonNode json() {
            return Wire.json(data);
        }
    }

    /** Parses a complete SSE body; fails on a frame that is not terminated by a blank line. */
    static List<Sse> events(String body) {
        List<Sse> events = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf("\n\n", start);
            if (end < 0) {
                throw new AssertionError("unterminated SSE frame: " + body.substring(start));
            }
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : body.substring(start, end).split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                } else {
                    throw new AssertionError("unexpected SSE line: " + line);
                }
            }
            events.add(new Sse(event, data.toString()));
            start = end + 2;
        }
        return events;
    }

    static String anthropicBody(String text, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":256,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + quote(text) + "}]}";
    }

    static String openAiBody(String text, boolean stream) {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + quote(text) + "}]}";
    }

    static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
