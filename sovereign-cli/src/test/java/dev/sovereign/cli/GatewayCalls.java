package dev.sovereign.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP calls the process tests make to a running gateway, over HTTP/1.1 as the SDKs do. */
final class GatewayCalls {
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private GatewayCalls() {}

    /** An Anthropic Messages request to {@code base}'s {@code /v1/messages} with the client key {@code key}. */
    static HttpResponse<String> messages(String base, String key, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                        .timeout(Duration.ofSeconds(20))
                        .header("content-type", "application/json")
                        .header("anthropic-version", "2023-06-01")
                        .header("x-api-key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of {@code url} with the header name-value pairs given. */
    static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) r.headers(headers);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
