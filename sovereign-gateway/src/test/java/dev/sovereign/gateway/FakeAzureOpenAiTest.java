package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * openai-java's own Azure client (API key credential, service version, deployment paths) pointed straight at the fake
 * upstream: the fake's Azure mode is the wire format the official client speaks, not one the gateway invented.
 */
class FakeAzureOpenAiTest {
    @Test
    void theOfficialAzureClientTalksToTheFake() {
        try (FakeUpstream azure = FakeUpstream.start(new FakeUpstreamOptions().requiredApiKey("azure-key"))) {
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(azure.baseUrl())
                    .credential(AzureApiKeyCredential.create("azure-key"))
                    .azureServiceVersion(AzureOpenAIServiceVersion.fromString("2024-10-21"))
                    .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                    .maxRetries(0)
                    .build();
            try {
                ChatCompletion completion = client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("gpt4o-eu")
                                .addUserMessage("straight to Azure")
                                .build());
                assertThat(completion.choices().get(0).message().content()).contains("Echo: straight to Azure");
                RecordedRequest request = azure.takeRequest(Duration.ofSeconds(5));
                assertThat(request.path()).isEqualTo("/openai/deployments/gpt4o-eu/chat/completions");
                assertThat(request.query()).isEqualTo("api-version=2024-10-21");
                assertThat(request.header("api-key")).isEqualTo("azure-key");

                StringBuilder text = new StringBuilder();
                try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                        .completions()
                        .createStreaming(ChatCompletionCreateParams.builder()
                                .model("gpt4o-eu")
                                .addUserMessage("stream it")
                                .build())) {
                    stream.stream()
                            .forEach(c -> c.choices()
                                    .forEach(ch -> ch.delta().content().ifPresent(text::append)));
                }
                assertThat(text.toString()).isEqualTo("Echo: stream it");
            } finally {
                client.close();
            }
        }
    }
}
