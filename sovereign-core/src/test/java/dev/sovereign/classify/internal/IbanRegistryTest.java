package dev.sovereign.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry file is validated when loaded: a bad line fails with the file, its number and the problem. */
class IbanRegistryTest {
    private static byte[][] parse(String text) throws Exception {
        return IbanRegistry.parse(new BufferedReader(new StringReader(text)), "registry.tsv");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DE\t24\tDE2!n8!n10!n|structure gives 22 chars, length says 24",
                "DE\t22\tDE2!n8!n13!n|structure longer than the length 22",
                "DE\t22\tFR2!n8!n12!n|must start with the country code and 2!n",
                "DE\t22\tDE2!n8!n12!x|unknown field class 'x'",
                "DE\t22\tDE2!n8n12!n|is not of the form k!x",
                "De\t22\tDE2!n8!n12!n|two capital letters",
                "DE\tmany\tDE2!n8!n12!n|length is not a number",
                "DE\t22|expected country, length and structure"
            })
    void refusesALineNamingFileLineAndProblem(String line, String problem) {
        assertThatThrownBy(() -> parse("# comment\n" + line.replace("\\t", "\t") + "\n"))
                .hasMessageContaining("registry.tsv line 2")
                .hasMessageContaining(problem);
    }

    @Test
    void refusesACountryListedTwice() {
        assertThatThrownBy(() -> parse("DE\t22\tDE2!n8!n10!n\nDE\t22\tDE2!n8!n10!n\n"))
                .hasMessageContaining("registry.tsv line 2: country listed twice");
    }

    @Test
    void refusesAFileWithTooFewCountries() {
        assertThatThrownBy(() -> parse("DE\t22\tDE2!n8!n10!n\n")).hasMessageContaining("only 1 countries");
    }

    @Test
    void theShippedRegistryHasEveryCountryAndItsTerritories() {
        assertThat(IbanRegistry.length('D', 'E')).isEqualTo(22);
        assertThat(IbanRegistry.length('B', 'R')).isEqualTo(29);
        assertThat(IbanRegistry.length('S', 'D')).isEqualTo(18);
        assertThat(IbanRegistry.length('G', 'F')).isEqualTo(27); // under FR
        assertThat(IbanRegistry.length('J', 'E')).isEqualTo(22); // under GB
        assertThat(IbanRegistry.length('U', 'S')).isZero();
    }
}
