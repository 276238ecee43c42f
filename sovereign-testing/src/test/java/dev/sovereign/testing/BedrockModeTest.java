package dev.sovereign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The Bedrock mode over real sockets, signed by AWS's signer and read back with AWS's event-stream decoder. */
class BedrockModeTest {
    static final String PATH = "/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/";
    static final String BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello from Lyon\"}]}";

    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(new FakeUpstreamOptions().bedrockApiKey("ABSK-test-bedrock-key"));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    static HttpResponse<byte[]> signed(String operation, String body, String secret) {
        URI uri = URI.create(upstream.baseUrl() + PATH + operation);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("content-type", "application/json")
                .build();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(FakeUpstream.AWS_ACCESS_KEY_ID, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-central-1"));
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) values.forEach(v -> http.header(name, v));
        });
        return send(http);
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return Wire.CLIENT.send(
                    request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return Wire.json(new String(response.body(), StandardCharsets.UTF_8));
    }

    static List<Message> decode(byte[] stream) {
        List<Message> messages = new ArrayList<>();
        new MessageDecoder(messages::add).feed(stream);
        return messages;
    }

    static String header(Message m, String name) {
        return m.getHeaders().get(name).getString();
    }

    static JsonNode event(Message chunk) {
        String bytes = Wire.json(new String(chunk.getPayload(), StandardCharsets.UTF_8))
                .path("bytes")
                .asText();
        return Wire.json(new String(Base64.getDecoder().decode(bytes), StandardCharsets.UTF_8));
    }

    @Test
    void aSignedInvokeAnswersTheAnthropicMessage() {
        HttpResponse<byte[]> response = signed("invoke", BODY, FakeUpstream.AWS_SECRET_ACCESS_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = json(response);
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Echo: Hello from Lyon");
        assertThat(response.headers().firstValue("x-amzn-requestid")).isPresent();
        RecordedRequest recorded = upstream.takeRequest(Duration.ofSeconds(5));
        // The model id travels percent-encoded, as the AWS SDKs send it.
        assertThat(recorded.path()).isEqualTo(PATH + "invoke");
        assertThat(recorded.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAFAKEUPSTREAM0001/");
    }

    @Test
    void theStreamIsEventStreamFramesWithValidChecksumsCarryingAnthropicEvents() {
        HttpResponse<byte[]> response = signed("invoke-with-response-stream", BODY, FakeUpstream.AWS_SECRET_ACCESS_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
        List<Message> messages = decode(response.body());
        assertThat(messages).allSatisfy(m -> {
            assertThat(header(m, ":message-type")).isEqualTo("event");
            assertThat(header(m, ":event-type")).isEqualTo("chunk");
        });
        List<String> types =
                messages.stream().map(m -> event(m).path("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("message_start");
        assertThat(types).doesNotContain("ping").endsWith("message_delta", "message_stop");
        JsonNode stop = event(messages.get(messages.size() - 1));
        assertThat(stop.path("amazon-bedrock-invocationMetrics")
                        .path("outputTokenCount")
                        .asInt())
                .isPositive();
    }

    @Test
    void aWrongSecretKeyIsRefusedAsBedrockRefusesIt() {
        HttpResponse<byte[]> response = signed("invoke", BODY, "not-the-secret");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-errortype"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("InvalidSignatureException"));
        assertThat(json(response).path("message").asText())
                .startsWith("The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void aTamperedBodyBreaksTheSignature() {
        URI uri = URI.create(upstream.baseUrl() + PATH + "invoke");
        HttpResponse<byte[]> honest = signed("invoke", BODY, FakeUpstream.AWS_SECRET_ACCESS_KEY);
        assertThat(honest.statusCode()).isEqualTo(200);
        RecordedRequest recorded = upstream.takeRequest(Duration.ofSeconds(5));
        HttpRequest.Builder replay =
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(BODY.replace("Lyon", "Nice")));
        for (String name : List.of("authorization", "x-amz-date", "content-type")) {
            replay.header(name, recorded.header(name));
        }
        HttpResponse<byte[]> tampered = send(replay);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.headers().firstValue("x-amzn-errortype").orElseThrow())
                .startsWith("InvalidSignatureException");
    }

    @Test
    void unsignedRequestsAndUnknownKeysAreRefused() {
        URI uri = URI.create(upstream.baseUrl() + PATH + "invoke");
        HttpResponse<byte[]> unsigned =
                send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(BODY)));
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-errortype").orElseThrow())
                .startsWith("MissingAuthenticationTokenException");
        HttpResponse<byte[]> wrongKey = send(HttpRequest.newBuilder(uri)
                .header("authorization", "Bearer ABSK-wrong")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        assertThat(wrongKey.statusCode()).isEqualTo(403);
        assertThat(wrongKey.headers().firstValue("x-amzn-errortype").orElseThrow())
                .startsWith("UnrecognizedClientException");
    }

    @Test
    void aSignatureOverAuthorityIsRefusedWithAReasonNotAMismatch() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + PATH + "invoke"))
                .header("x-amz-date", "20261126T120000Z")
                .header(
                        "authorization",
                        "AWS4-HMAC-SHA256 Credential=" + FakeUpstream.AWS_ACCESS_KEY_ID
                                + "/20261126/eu-central-1/bedrock/aws4_request, SignedHeaders=:authority;x-amz-date,"
                                + " Signature=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("message").asText()).contains("signed :authority (HTTP/2)");
    }

    @Test
    void theConfiguredBedrockApiKeyIsAccepted() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + PATH + "invoke"))
                .header("authorization", "Bearer ABSK-test-bedrock-key")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyInTheAnthropicApisShapeIsAValidationException() {
        String anthropic = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":false,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<byte[]> response = signed("invoke", anthropic, FakeUpstream.AWS_SECRET_ACCESS_KEY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-errortype").orElseThrow())
                .startsWith("ValidationException");
        assertThat(json(response).path("message").asText()).contains("extraneous key [model] is not permitted");
        HttpResponse<byte[]> noVersion = signed(
                "invoke",
                BODY.replace("\"anthropic_version\":\"bedrock-2023-05-31\",", ""),
                FakeUpstream.AWS_SECRET_ACCESS_KEY);
        assertThat(json(noVersion).path("message").asText()).contains("required key [anthropic_version] not found");
    }

    @Test
    void scriptedExceptionsAreBedrocksAnswers() {
        upstream.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
        HttpResponse<byte[]> throttled = signed("invoke", BODY, FakeUpstream.AWS_SECRET_ACCESS_KEY);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("x-amzn-errortype").orElseThrow())
                .startsWith("ThrottlingException");
        upstream.enqueue(Fault.bedrock(BedrockException.MODEL_TIMEOUT));
        HttpResponse<byte[]> timeout = signed("invoke", BODY, FakeUpstream.AWS_SECRET_ACCESS_KEY);
        assertThat(timeout.statusCode()).isEqualTo(408);
        assertThat(json(timeout).path("message").asText()).isEqualTo(BedrockException.MODEL_TIMEOUT.message());
    }

    @Test
    void anInStreamExceptionEndsTheStreamWithAnExceptionFrame() {
        upstream.enqueue(Fault.bedrockInStream(BedrockException.THROTTLING, 2));
        HttpResponse<byte[]> response = signed("invoke-with-response-stream", BODY, FakeUpstream.AWS_SECRET_ACCESS_KEY);
        List<Message> messages = decode(response.body());
        assertThat(messages).hasSize(3);
        Message last = messages.get(2);
        assertThat(header(last, ":message-type")).isEqualTo("exception");
        assertThat(header(last, ":exception-type")).isEqualTo("throttlingException");
        assertThat(Wire.json(new String(last.getPayload(), StandardCharsets.UTF_8))
                        .path("message")
                        .asText())
                .isEqualTo(BedrockException.THROTTLING.message());
        assertThat(Map.of("first", event(messages.get(0)).path("type").asText()))
                .containsEntry("first", "message_start");
    }
}
