package dev.sovereign.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CategorySelectorTest {
    @Test
    void matchesExactNamesFamiliesAndEverything() {
        CategorySelector selector = CategorySelector.of("pii.email", "special.*", "pii.national_id.*");

        assertThat(selector.matches("pii.email")).isTrue();
        assertThat(selector.matches("pii.email_work")).isFalse();
        assertThat(selector.matches("special.health")).isTrue();
        assertThat(selector.matches("pii.national_id.fr")).isTrue();
        assertThat(selector.matches("pii.national_id")).isTrue(); // a family pattern names the family too
        assertThat(selector.matches("pii.national_idx")).isFalse();
        assertThat(selector.matches("specialty.x")).isFalse();
        assertThat(selector.matches("pii.phone")).isFalse();
        assertThat(CategorySelector.all().matches("custom.anything")).isTrue();
        assertThat(selector.patterns()).containsExactly("pii.email", "special.*", "pii.national_id.*");
    }

    @Test
    void refusesWhatWouldSilentlySelectNothing() {
        assertThatThrownBy(() -> CategorySelector.of("pii"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("category pattern 'pii' names a family, not a category: write 'pii.*'");
        assertThatThrownBy(() -> CategorySelector.of("pii.*.fr"))
                .hasMessage("category pattern 'pii.*.fr' is not a category (pii.email), a family (pii.*,"
                        + " pii.national_id.*) or *");
        assertThatThrownBy(() -> CategorySelector.of("PII.Email")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategorySelector.of("pii*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategorySelector.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
