package dev.sovereign.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sovereign.config.TranslationOptions;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.egress.UpstreamErrors;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.sse.SseSplitter;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden transcripts of translated exchanges, one directory per case under {@code
 * src/test/resources/golden/translate/<client>-to-<upstream>/}, where {@code <client>} is the format the client
 * speaks and {@code <upstream>} the provider's. A case holds what the client sent ({@code client-request.json}) and
 * what the provider must receive ({@code upstream-request.json}), or the refusal the client must get instead ({@code
 * refusal.txt}); optionally the provider's answer and what the client must receive for it: a whole body ({@code
 * upstream-response.json} → {@code client-response.json}), a stream ({@code upstream-stream.sse} → {@code
 * client-stream.sse}), error bodies ({@code upstream-error-<status>.json} → {@code client-error-<status>.json}).
 * {@code options.json} sets the provider's {@code translation} options, {@code dropped.json} lists the fields
 * dropped. Streams are compared event by event (name, and data as JSON).
 *
 * <p>Run with {@code -Dgolden.update=true} to write the expected files from what the translators produce; review
 * every change before committing it.
 */
class TranslatorGoldenTest {
    static final Path ROOT = moduleDir().resolve("src/test/resources/golden/translate");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String REQUEST_ID = "sgw_0123456789abcdef01234567";

    final Json json = new Json(128);
    final ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    final Translator translator = new Translator(json, Clock.fixed(NOW, ZoneOffset.UTC));
    final UpstreamErrors errors = new UpstreamErrors(json, new ErrorBodies(json));

    static Stream<Path> cases() throws IOException {
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> directions = Files.list(ROOT)) {
            for (Path direction : directions.sorted().toList()) {
                try (Stream<Path> inside = Files.list(direction)) {
                    cases.addAll(inside.filter(Files::isDirectory).sorted().toList());
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transcript(Path dir) throws IOException {
        String direction = dir.getParent().getFileName().toString();
        WireFormat client = direction.startsWith("anthropic-") ? WireFormat.ANTHROPIC : WireFormat.OPENAI;
        WireFormat upstream = client == WireFormat.ANTHROPIC ? WireFormat.OPENAI : WireFormat.ANTHROPIC;
        InboundRequest request = new Ingress(json)
                .parse(
                        client == WireFormat.ANTHROPIC ? Operation.MESSAGES : Operation.CHAT_COMPLETIONS,
                        Buffer.buffer(Files.readAllBytes(dir.resolve("client-request.json"))),
                        null);
        TranslationOptions options = options(dir);
        if (Files.exists(dir.resolve("refusal.txt"))) {
            String expected = Files.readString(dir.resolve("refusal.txt")).strip();
            assertThatThrownBy(() -> translator.request(request, upstream, options))
                    .isInstanceOfSatisfying(
                            GatewayFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.UNTRANSLATABLE))
                    .hasMessage(expected);
            return;
        }
        TranslatedRequest translated = translator.request(request, upstream, options);
        assertThat(translated.request().api()).isEqualTo(upstream);
        expectJson(dir.resolve("upstream-request.json"), translated.request().body());
        assertThat(json.mapper().readTree(translated.request().raw().getBytes()))
                .as("the bytes sent are the tree")
                .isEqualTo(json.mapper()
                        .readTree(json.mapper()
                                .writeValueAsBytes(translated.request().body())));
        if (Files.exists(dir.resolve("dropped.json")) || !translated.dropped().isEmpty()) {
            expectJson(dir.resolve("dropped.json"), json.mapper().valueToTree(translated.dropped()));
        }
        if (Files.exists(dir.resolve("upstream-response.json"))) {
            byte[] body = translated.answer().body(Files.readAllBytes(dir.resolve("upstream-response.json")));
            expectJson(dir.resolve("client-response.json"), json.mapper().readTree(body));
        }
        if (Files.exists(dir.resolve("upstream-stream.sse"))) {
            expectStream(
                    dir.resolve("client-stream.sse"),
                    translate(translated.answer(), dir.resolve("upstream-stream.sse")));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path error : files.filter(f -> f.getFileName().toString().startsWith("upstream-error-"))
                    .toList()) {
                Matcher m = Pattern.compile("upstream-error-(\\d{3})\\.json")
                        .matcher(error.getFileName().toString());
                assertThat(m.matches()).as(error.toString()).isTrue();
                int status = Integer.parseInt(m.group(1));
                Buffer body = errors.normalise(client, upstream, status, Files.readAllBytes(error), REQUEST_ID);
                expectJson(
                        dir.resolve("client-error-" + status + ".json"),
                        json.mapper().readTree(body.getBytes()));
            }
        }
    }

    private TranslationOptions options(Path dir) throws IOException {
        Path file = dir.resolve("options.json");
        if (!Files.exists(file)) return TranslationOptions.DEFAULTS;
        JsonNode o = json.mapper().readTree(file.toFile());
        return new TranslationOptions(
                o.path("drop_unsupported").asBoolean(false),
                o.path("default_max_tokens").asInt(TranslationOptions.DEFAULT_MAX_TOKENS));
    }

    /** The upstream stream as the gateway reads it (cut into frames by the real splitter), translated. */
    private static String translate(AnswerTranslator answer, Path upstreamStream) throws IOException {
        StringBuilder out = new StringBuilder();
        SseSplitter splitter = new SseSplitter(
                frame -> answer.frame(frame, f -> out.append(f.raw().toString(StandardCharsets.UTF_8))), 1 << 20);
        splitter.feed(Buffer.buffer(Files.readAllBytes(upstreamStream)));
        assertThat(splitter.pendingBytes())
                .as("the transcript ends with a whole event")
                .isZero();
        return out.toString();
    }

    private void expectJson(Path expected, JsonNode actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expected, pretty.writeValueAsString(actual) + "\n");
            return;
        }
        assertThat(Files.exists(expected)).as("missing %s", expected).isTrue();
        // compared as read back from its JSON text: a fraction of the request is kept exact (a BigDecimal), the file's
        // is read as a double, and both are the same JSON number
        assertThat(json.mapper().readTree(json.mapper().writeValueAsBytes(actual)))
                .as(expected.toString())
                .isEqualTo(json.mapper().readTree(expected.toFile()));
    }

    private void expectStream(Path expected, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expected, actual);
            return;
        }
        List<Event> want = events(Files.readString(expected));
        List<Event> got = events(actual);
        assertThat(got).as(expected.toString()).containsExactlyElementsOf(want);
    }

    /** One event: its name and its data, as JSON when it is JSON ({@code [DONE]} stays text). */
    record Event(String name, Object data) {}

    private List<Event> events(String text) {
        List<Event> events = new ArrayList<>();
        SseSplitter splitter = new SseSplitter(frame -> events.add(event(frame)), 1 << 20);
        splitter.feed(Buffer.buffer(text));
        assertThat(splitter.pendingBytes()).isZero();
        return events;
    }

    private Event event(SseFrame frame) {
        String data = frame.data();
        Object parsed = data;
        if (data != null && !data.equals("[DONE]")) {
            try {
                parsed = json.mapper().readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("an event's data is not JSON: " + data, e);
            }
        }
        return new Event(frame.event(), parsed);
    }

    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }
}
