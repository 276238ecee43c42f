package dev.sovereign.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.WireFormat;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelRouterTest {
    private static ProviderConfig provider(String id, ModelMapping... models) {
        return new ProviderConfig(
                id,
                ProviderKind.OPENAI_COMPATIBLE,
                URI.create("http://x/v1"),
                "eu",
                Optional.empty(),
                Set.of(WireFormat.OPENAI),
                id,
                Timeouts.DEFAULTS,
                8,
                List.of(models),
                Optional.empty());
    }

    private final ModelRouter router = new ModelRouter(List.of(
            provider("claude", new ModelMapping("claude-*", null)),
            provider("mistral", new ModelMapping("fast", "mistral-small-latest"), new ModelMapping("mistral-*", "*")),
            provider("local", new ModelMapping("*", null), new ModelMapping("claude-sonnet-local", "qwen2.5:7b"))));

    @Test
    void exactNamesAndAliasesWinOverGlobsWhateverTheirOrder() {
        assertThat(router.resolve("claude-sonnet-local"))
                .contains(new Route("local", "qwen2.5:7b", "claude-sonnet-local"));
        assertThat(router.resolve("fast")).contains(new Route("mistral", "mistral-small-latest", "fast"));
    }

    @Test
    void globsMatchInFileOrderAndKeepTheRequestedName() {
        assertThat(router.resolve("claude-opus-4-1")).contains(new Route("claude", "claude-opus-4-1", "claude-*"));
        assertThat(router.resolve("mistral-large-latest"))
                .contains(new Route("mistral", "mistral-large-latest", "mistral-*"));
        assertThat(router.resolve("llama3.1:8b")).contains(new Route("local", "llama3.1:8b", "*"));
    }

    @Test
    void noMatchIsEmpty() {
        ModelRouter strict = new ModelRouter(List.of(provider("m", new ModelMapping("mistral-*", null))));
        assertThat(strict.resolve("gpt-4o")).isEmpty();
        assertThat(strict.resolve("mistral")).isEmpty();
    }

    @Test
    void globsMatchInTheMiddleAndAtBothEnds() {
        assertThat(new ModelMapping("*-eu-*", null).matches("claude-eu-sonnet")).isTrue();
        assertThat(new ModelMapping("*-eu-*", null).matches("claude-us-sonnet")).isFalse();
        assertThat(new ModelMapping("a*b*c", null).matches("abc")).isTrue();
        assertThat(new ModelMapping("a*b*c", null).matches("acb")).isFalse();
    }

    @Test
    void namedModelsAndGlobProvidersAreListed() {
        assertThat(router.namedModels()).containsExactly("fast", "claude-sonnet-local");
        assertThat(router.providersWithGlobs()).containsExactly("claude", "mistral", "local");
    }
}
