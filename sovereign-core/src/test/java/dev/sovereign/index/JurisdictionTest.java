package dev.sovereign.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JurisdictionTest {
    private final SovereigntyIndex index = SovereigntyIndex.defaults();
    private final LocalDate today = LocalDate.of(2026, 11, 26);

    @Test
    void followsTheOperatorSeatAndTheReachOfUsLaw() {
        assertThat(Jurisdiction.of(index, "anthropic", today)).isEqualTo(Jurisdiction.US);
        assertThat(Jurisdiction.of(index, "claude-bedrock-eu", today)).isEqualTo(Jurisdiction.US);
        assertThat(Jurisdiction.of(index, "self-hosted-open-weights", today)).isEqualTo(Jurisdiction.EU);
        assertThat(Jurisdiction.of(index, "mistral", today)).isEqualTo(Jurisdiction.EU_US_REACH);
    }

    @Test
    void aDeploymentWithoutAProfileIsUnknown() {
        assertThat(Jurisdiction.of(index, "my-own-vllm", today)).isEqualTo(Jurisdiction.UNKNOWN);
        assertThat(Jurisdiction.of(index, null, today)).isEqualTo(Jurisdiction.UNKNOWN);
    }
}
