package dev.sovereign.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.RequestOptions;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The upstream request's target, taken from the parsed URI, is what Vert.x's own URL parsing makes of it. */
class ForwardedCallTargetTest {

    @Test
    void sameHostPortTlsAndPathAsTheAbsoluteUri() {
        for (String u : new String[] {
            "http://127.0.0.1:18480/v1/chat/completions",
            "https://api.anthropic.com/v1/messages",
            "https://api.anthropic.com/v1/messages?beta=true",
            "http://gpu-box:11434/v1/embeddings",
            "https://bedrock-runtime.eu-central-1.amazonaws.com/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke",
            "http://[::1]:8081/v1/messages",
            "https://example.org",
            "http://example.org:80/a%20b/c?x=%2F&y=1",
        }) {
            RequestOptions ours = ForwardedCall.target(URI.create(u));
            RequestOptions vertx = new RequestOptions().setAbsoluteURI(u);
            assertThat(ours.getHost()).as(u).isEqualTo(vertx.getHost());
            assertThat(ours.getPort()).as(u).isEqualTo(vertx.getPort());
            assertThat(ours.isSsl()).as(u).isEqualTo(vertx.isSsl());
            assertThat(ours.getURI()).as(u).isEqualTo(vertx.getURI());
        }
    }
}
