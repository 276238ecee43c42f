package dev.sovereign.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.RequestText;
import java.util.Set;

/** A realistic multilingual request pseudonymized by the real classifier, for the restoring tests. */
final class Conversation {
    static final String PROMPT = "Hallo, mein Name ist Jürgen Müller, IBAN DE89 3704 0044 0532 0130 00,"
            + " E-Mail juergen.mueller@beispiel.de. Hola, soy Carlos García, mi DNI es 12345678Z."
            + " Ouvre le dossier \"AB-1234\" stp.";

    /** The placeholders of {@link #PROMPT} and their values. */
    static final String NAME = "Jürgen Müller";

    static final String IBAN = "DE89 3704 0044 0532 0130 00";
    static final String EMAIL = "juergen.mueller@beispiel.de";
    static final String NAME_2 = "Carlos García";
    static final String DNI = "12345678Z";
    static final String CASE = "dossier \"AB-1234\"";

    private Conversation() {}

    static Pseudonyms pseudonyms() {
        Classifier classifier = Classifier.builder()
                .pattern("case_ref", "dossier \"[A-Z]{2}-[0-9]{4}\"")
                .build();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", PROMPT);
        Redaction redaction = new Redactor()
                .redact(
                        body,
                        classifier.classify(RequestText.of(body), Set.of()),
                        RedactionMode.PSEUDONYMIZE,
                        CategorySelector.all());
        assertThat(body.at("/messages/0/content").asText())
                .isEqualTo("Hallo, mein Name ist ⟦PERSON_NAME_1⟧, IBAN ⟦IBAN_1⟧, E-Mail ⟦EMAIL_1⟧. Hola, soy"
                        + " ⟦PERSON_NAME_2⟧, mi DNI es ⟦NATIONAL_ID_ES_1⟧. Ouvre le ⟦CASE_REF_1⟧ stp.");
        Pseudonyms pseudonyms = redaction.pseudonyms();
        assertThat(pseudonyms.original("⟦PERSON_NAME_1⟧")).contains(NAME);
        assertThat(pseudonyms.original("⟦IBAN_1⟧")).contains(IBAN);
        assertThat(pseudonyms.original("⟦EMAIL_1⟧")).contains(EMAIL);
        assertThat(pseudonyms.original("⟦PERSON_NAME_2⟧")).contains(NAME_2);
        assertThat(pseudonyms.original("⟦NATIONAL_ID_ES_1⟧")).contains(DNI);
        assertThat(pseudonyms.original("⟦CASE_REF_1⟧")).contains(CASE);
        return pseudonyms;
    }
}
