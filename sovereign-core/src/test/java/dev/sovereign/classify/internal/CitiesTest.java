package dev.sovereign.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.classify.ClassifierConfigurationException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The city list is validated at load: each bad line fails with the file, the line and what is wrong. */
class CitiesTest {
    @Test
    void keysNamesByTheirFoldedWords() {
        Cities cities = Cities.read("test", new StringReader("""
                # comment
                FR | 42 | Saint-Étienne | St-Étienne
                NL | 52 | 's-Hertogenbosch
                IE | D | Dublin
                """));

        assertThat(cities.named("saint etienne")).singleElement().satisfies(c -> {
            assertThat(c.country()).isEqualTo(PostalCountry.FR);
            assertThat(c.owns("42000".toCharArray(), 5)).isTrue();
            assertThat(c.owns("43000".toCharArray(), 5)).isFalse();
        });
        assertThat(cities.named("st etienne")).hasSize(1);
        assertThat(cities.named("s hertogenbosch")).hasSize(1);
        assertThat(cities.named("dublin").get(0).owns("D6W".toCharArray(), 3)).isTrue();
        assertThat(cities.maxWords).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            FR | 75                  ; test:1: expected 'country | postcode prefixes | name | other names'
            XX | 75 | Paris          ; test:1: unknown country XX
            FR | 7a | Paris          ; test:1: postcode prefix 7a does not fit FR
            FR | 75002 | Paris       ; test:1: postcode prefix 75002 does not fit FR
            IE | 75 | Dublin         ; test:1: postcode prefix 75 does not fit IE
            FR | 75 | -              ; test:1: empty city name
            """)
    void refusesABadLineNamingIt(String line, String message) {
        assertThatThrownBy(() -> Cities.read("test", new StringReader(line)))
                .isInstanceOf(ClassifierConfigurationException.class)
                .hasMessageStartingWith(message);
    }
}
