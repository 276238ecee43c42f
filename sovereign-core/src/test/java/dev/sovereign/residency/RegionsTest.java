package dev.sovereign.residency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a region is within an area, by place: the Vertex AI, Azure and AWS names that look alike but are not. */
class RegionsTest {
    @ParameterizedTest
    @CsvSource({
        // Vertex AI: the EU multi-region and EU regions are in the EU; London, Zurich, global and us are not.
        "eu, eu, true",
        "europe-west1, eu, true",
        "europe-west4, eu, true",
        "europe-west2, eu, false",
        "europe-west6, eu, false",
        "global, eu, false",
        "us, eu, false",
        // Azure regions and data zones.
        "swedencentral, eu, true",
        "uksouth, eu, false",
        "norwayeast, eu, false",
        "norwayeast, eea, true",
        // AWS: eu-west-2 is London, eu-central-2 Zurich.
        "eu-west-1, eu, true",
        "eu-west-2, eu, false",
        "eu-central-2, eu, false",
        // Countries, other areas, names the table does not know.
        "europe-west3, de, true",
        "europe-west1, de, false",
        "us-east-1, us, true",
        "us-east5, us, true",
        "local, local, true",
        "eu-mars-1, eu, false",
        "unknown, eu, false"
    })
    void aRegionIsWithinAnAreaByWhereItIs(String region, String area, boolean within) {
        assertThat(Regions.within(region, area)).isEqualTo(within);
    }
}
