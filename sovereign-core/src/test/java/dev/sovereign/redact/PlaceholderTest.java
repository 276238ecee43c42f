package dev.sovereign.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholderTest {
    @Test
    void typeIsTheCategoryWithoutItsFamilyInUpperCase() {
        assertThat(Placeholder.typeOf("pii.email")).isEqualTo("EMAIL");
        assertThat(Placeholder.typeOf("pii.person_name")).isEqualTo("PERSON_NAME");
        assertThat(Placeholder.typeOf("pii.national_id.fr")).isEqualTo("NATIONAL_ID_FR");
        assertThat(Placeholder.typeOf("secret.api_key.github")).isEqualTo("API_KEY_GITHUB");
        assertThat(Placeholder.typeOf("financial.iban")).isEqualTo("IBAN");
        assertThat(Placeholder.typeOf("custom.project")).isEqualTo("PROJECT");
        assertThat(Placeholder.typeOf("label")).isEqualTo("LABEL");
    }

    @Test
    void everyPartOfATypeStartsWithALetterSoTheNumberIsUnambiguous() {
        assertThat(Placeholder.typeOf("custom.release_2024")).isEqualTo("RELEASE2024");
        assertThat(Placeholder.typeOf("custom.3ds_code")).isEqualTo("X3DS_CODE");
        assertThat(Placeholder.typeOf("custom._")).isEqualTo("VALUE");
    }

    @Test
    void formsOfPlaceholdersAndMasks() {
        assertThat(Placeholder.of("EMAIL", 12)).isEqualTo("⟦EMAIL_12⟧").isEqualTo("\u27E6EMAIL_12\u27E7");
        assertThat(Placeholder.mask("pii.email")).isEqualTo("[pii.email]");
    }
}
