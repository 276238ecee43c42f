package dev.sovereign.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A guarantee that keeps data in EU regions, against the regions of Vertex AI and Azure OpenAI deployments. */
class VertexAzureGuaranteeTest {
    private final Guarantee euOnly = new Guarantee(
            "pii-in-eu",
            "Personal data stays in the EU",
            List.of("pii.*"),
            List.of(),
            false,
            List.of(),
            List.of("eu"),
            List.of(),
            List.of());

    private boolean broken(String region) {
        return euOnly.violatedBy("support", Set.of("pii.email"), new PolicyRoute(null, "p", "m", region, "us"));
    }

    @Test
    void euRegionsHoldAndLondonZurichAndGlobalBreakIt() {
        assertThat(broken("eu")).isFalse(); // Vertex AI EU multi-region, Azure EU Data Zone
        assertThat(broken("europe-west1")).isFalse();
        assertThat(broken("swedencentral")).isFalse();
        assertThat(broken("europe-west2")).isTrue();
        assertThat(broken("europe-west6")).isTrue();
        assertThat(broken("global")).isTrue();
        assertThat(broken("us")).isTrue();
    }
}
