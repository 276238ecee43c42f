package dev.sovereign.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.RequestText;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Redactor REDACTOR = new Redactor();

    /** A French customer, a German contact found by a tool, a Spanish sign-off: the same email in four places. */
    static final String ANTHROPIC = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,
             "system":"Tu es l'assistant du service client de Exemple SA. Réponds dans la langue du client.",
             "messages":[
              {"role":"user","content":"Bonjour, je suis Marie Dubois, mon email est marie.dubois@example.fr et mon téléphone +33 6 12 34 56 78. J'habite 12 rue de la Paix, 75002 Paris."},
              {"role":"assistant","content":[
                {"type":"text","text":"Bonjour, merci pour ces informations. Je cherche votre dossier."},
                {"type":"tool_use","id":"toolu_1","name":"lookup_customer","input":{"email":"marie.dubois@example.fr","country":"FR"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":"Kunde gefunden. Ansprechpartner: Herr Jürgen Müller, IBAN DE89 3704 0044 0532 0130 00, E-Mail juergen.mueller@beispiel.de"},
                {"type":"text","text":"Merci ! Pouvez-vous envoyer la facture à marie.dubois@example.fr et mettre en copie juergen.mueller@beispiel.de ? Hola, soy Carlos García, mi DNI es 12345678Z."}]}]}
            """;

    static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    static Classification classifyAnthropic(JsonNode body) {
        return Classifier.defaults().classify(RequestText.of(body), Set.of());
    }

    static List<dev.sovereign.classify.Finding> findingsAt(Classification classification, String path) {
        return classification.segments().stream()
                .filter(s -> s.segment().path().equals(path))
                .findFirst()
                .orElseThrow()
                .findings();
    }

    static Classification classifyOpenAi(JsonNode body) {
        return Classifier.defaults().classify(RequestText.of(body), Set.of());
    }

    @Test
    void sameValueGetsTheSamePlaceholderAcrossMessagesAndDifferentValuesDifferentOnes() throws Exception {
        ObjectNode body = parse(ANTHROPIC);
        Redaction redaction = REDACTOR.redact(
                body, classifyAnthropic(body), RedactionMode.PSEUDONYMIZE, CategorySelector.of("pii.*", "financial.*"));

        assertThat(body.at("/messages/0/content").asText())
                .isEqualTo("Bonjour, je suis ⟦PERSON_NAME_1⟧, mon email est ⟦EMAIL_1⟧ et mon téléphone ⟦PHONE_1⟧."
                        + " J'habite ⟦POSTAL_ADDRESS_1⟧.");
        assertThat(body.at("/messages/1/content/1/input/email").asText()).isEqualTo("⟦EMAIL_1⟧");
        assertThat(body.at("/messages/1/content/1/input/country").asText()).isEqualTo("FR");
        assertThat(body.at("/messages/2/content/0/content").asText())
                .isEqualTo("Kunde gefunden. Ansprechpartner: Herr ⟦PERSON_NAME_2⟧, IBAN ⟦IBAN_1⟧, E-Mail ⟦EMAIL_2⟧");
        assertThat(body.at("/messages/2/content/1/text").asText())
                .isEqualTo("Merci ! Pouvez-vous envoyer la facture à ⟦EMAIL_1⟧ et mettre en copie ⟦EMAIL_2⟧ ?"
                        + " Hola, soy ⟦PERSON_NAME_3⟧, mi DNI es ⟦NATIONAL_ID_ES_1⟧.");
        assertThat(body.at("/system").asText()).startsWith("Tu es l'assistant");

        Pseudonyms pseudonyms = redaction.pseudonyms();
        assertThat(pseudonyms.original("⟦EMAIL_1⟧")).contains("marie.dubois@example.fr");
        assertThat(pseudonyms.original("⟦EMAIL_2⟧")).contains("juergen.mueller@beispiel.de");
        assertThat(pseudonyms.original("⟦PERSON_NAME_2⟧")).contains("Jürgen Müller");
        assertThat(pseudonyms.original("⟦IBAN_1⟧")).contains("DE89 3704 0044 0532 0130 00");
        assertThat(pseudonyms.original("⟦EMAIL_3⟧")).isEmpty();
        assertThat(pseudonyms.size()).isEqualTo(9);
        assertThat(redaction.replaced())
                .containsExactly(
                        Map.entry("financial.iban", 1),
                        Map.entry("pii.email", 5),
                        Map.entry("pii.national_id.es", 1),
                        Map.entry("pii.person_name", 3),
                        Map.entry("pii.phone", 1),
                        Map.entry("pii.postal_address", 1));
        assertThat(redaction.total()).isEqualTo(12);
        // Nothing of a value in what may be logged.
        assertThat(redaction.toString()).doesNotContain("marie", "Dubois", "@").contains("9 values");
        assertThat(JSON.writeValueAsString(body)).doesNotContain("marie.dubois", "Müller", "DE89", "12345678Z");
    }

    @Test
    void onlyTheSelectedCategoriesAreReplaced() throws Exception {
        ObjectNode body = parse(ANTHROPIC);
        Redaction redaction = REDACTOR.redact(
                body, classifyAnthropic(body), RedactionMode.PSEUDONYMIZE, CategorySelector.of("pii.email"));

        assertThat(body.at("/messages/2/content/0/content").asText())
                .isEqualTo("Kunde gefunden. Ansprechpartner: Herr Jürgen Müller, IBAN DE89 3704 0044 0532 0130 00,"
                        + " E-Mail ⟦EMAIL_2⟧");
        assertThat(redaction.replaced()).containsExactly(Map.entry("pii.email", 5));
        assertThat(redaction.pseudonyms().placeholders()).containsExactly("⟦EMAIL_1⟧", "⟦EMAIL_2⟧");
    }

    @Test
    void maskReplacesByCategoryAndKeepsNothingToRestore() throws Exception {
        ObjectNode body = parse(ANTHROPIC);
        Redaction redaction =
                REDACTOR.redact(body, classifyAnthropic(body), RedactionMode.MASK, CategorySelector.all());

        assertThat(body.at("/messages/0/content").asText())
                .isEqualTo("Bonjour, je suis [pii.person_name], mon email est [pii.email] et mon téléphone [pii.phone]."
                        + " J'habite [pii.postal_address].");
        assertThat(body.at("/messages/1/content/1/input/email").asText()).isEqualTo("[pii.email]");
        assertThat(redaction.pseudonyms()).isSameAs(Pseudonyms.NONE);
        assertThat(redaction.replaced()).containsEntry("pii.email", 5).containsEntry("financial.iban", 1);
        String serialized = JSON.writeValueAsString(body);
        assertThat(serialized).doesNotContain("marie.dubois", "Müller", "DE89", "12345678Z", "⟦");

        // An answer that repeats the masks gets nothing back.
        Restorer restorer = redaction.pseudonyms().restorer();
        String answer = "J'ai écrit à [pii.email] pour [pii.person_name].";
        assertThat(restorer.restore(answer)).isSameAs(answer);
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(0, 0, 0));
    }

    @Test
    void roundTripThroughASimulatedAnswerRestoresTheOriginalValues() throws Exception {
        ObjectNode body = parse(ANTHROPIC);
        Redaction redaction = REDACTOR.redact(
                body, classifyAnthropic(body), RedactionMode.PSEUDONYMIZE, CategorySelector.of("pii.*", "financial.*"));

        // What a model answers from the redacted request: placeholders repeated, in another order.
        String answer = "Chère ⟦PERSON_NAME_1⟧, la facture est partie à ⟦EMAIL_1⟧, copie à ⟦EMAIL_2⟧"
                + " (⟦PERSON_NAME_2⟧, IBAN ⟦IBAN_1⟧). Nous vous appellerons au ⟦PHONE_1⟧."
                + " Querido ⟦PERSON_NAME_3⟧, su DNI ⟦NATIONAL_ID_ES_1⟧ está registrado. ⟦EMAIL_1⟧ reste votre adresse.";
        Restorer restorer = redaction.pseudonyms().restorer();

        assertThat(restorer.restore(answer))
                .isEqualTo("Chère Marie Dubois, la facture est partie à marie.dubois@example.fr, copie à"
                        + " juergen.mueller@beispiel.de (Jürgen Müller, IBAN DE89 3704 0044 0532 0130 00). Nous vous"
                        + " appellerons au +33 6 12 34 56 78. Querido Carlos García, su DNI 12345678Z está registrado."
                        + " marie.dubois@example.fr reste votre adresse.");
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(9, 0, 0));
    }

    @Test
    void openAiToolArgumentsStayValidJsonAndRoundTrip() throws Exception {
        ObjectNode body = parse("""
                {"model":"gpt-4o","messages":[
                  {"role":"system","content":"You are a CRM assistant."},
                  {"role":"user","content":"Update the record of John Smith: new email john.smith@example.com, phone +44 20 7946 0958."},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{
                    "name":"update_contact",
                    "arguments":"{\\"name\\":\\"John Smith\\",\\"email\\":\\"john.smith@example.com\\",\\"phone\\":442079460958,\\"street\\":\\"12 rue de la Paix\\",\\"tags\\":[\\"vip\\"]}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"{\\"status\\":\\"ok\\",\\"email\\":\\"john.smith@example.com\\"}"}]}
                """);
        Redaction redaction =
                REDACTOR.redact(body, classifyOpenAi(body), RedactionMode.PSEUDONYMIZE, CategorySelector.all());

        String arguments =
                body.at("/messages/2/tool_calls/0/function/arguments").asText();
        JsonNode parsed = JSON.readTree(arguments);
        assertThat(parsed.path("name").asText()).isEqualTo("⟦PERSON_NAME_1⟧");
        assertThat(parsed.path("email").asText()).isEqualTo("⟦EMAIL_1⟧");
        // A number becomes a quoted placeholder: still JSON, no digit left.
        assertThat(parsed.path("phone").asText()).isEqualTo("⟦PHONE_2⟧");
        assertThat(parsed.path("street").asText()).isEqualTo("⟦POSTAL_ADDRESS_1⟧");
        assertThat(parsed.path("tags").get(0).asText()).isEqualTo("vip");
        assertThat(body.at("/messages/3/content").asText()).isEqualTo("{\"status\":\"ok\",\"email\":\"⟦EMAIL_1⟧\"}");

        // The model calls the tool again with the placeholders; the client gets the values, as valid JSON.
        String modelArguments =
                "{\"name\":\"⟦PERSON_NAME_1⟧\",\"email\":\"⟦EMAIL_1⟧\",\"phone\":\"⟦PHONE_2⟧\",\"street\":\"⟦POSTAL_ADDRESS_1⟧\"}";
        JsonNode restored = JSON.readTree(redaction.pseudonyms().restorer().restoreJson(modelArguments));
        assertThat(restored.path("name").asText()).isEqualTo("John Smith");
        assertThat(restored.path("email").asText()).isEqualTo("john.smith@example.com");
        assertThat(restored.path("phone").asText()).isEqualTo("442079460958");
        assertThat(restored.path("street").asText()).isEqualTo("12 rue de la Paix");
    }

    @Test
    void valuesWithJsonEscapesInToolArgumentsAreReadDecodedAndReplacedWhole() throws Exception {
        // A case reference with quotes and a password with a backslash, inside JSON text inside JSON.
        Classifier classifier = Classifier.builder()
                .pattern("case_ref", "dossier \\\\?\"[A-Z]{2}-[0-9]{4}\\\\?\"")
                .build();
        ObjectNode body = parse("""
                {"model":"gpt-4o","messages":[
                  {"role":"user","content":"Ouvre le dossier \\"AB-1234\\" stp"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{
                    "name":"open","arguments":"{\\"ref\\":\\"dossier \\\\\\"AB-1234\\\\\\"\\",\\"password\\":\\"p@$$w0rd\\\\\\\\1.*+?(x)\\"}"}}]}]}
                """);
        String arguments =
                body.at("/messages/1/tool_calls/0/function/arguments").asText();
        assertThat(JSON.readTree(arguments).path("ref").asText()).isEqualTo("dossier \"AB-1234\"");
        Classification classification = classifier.classify(RequestText.of(body), Set.of());

        Redaction redaction = REDACTOR.redact(body, classification, RedactionMode.PSEUDONYMIZE, CategorySelector.all());

        JsonNode parsed = JSON.readTree(
                body.at("/messages/1/tool_calls/0/function/arguments").asText());
        assertThat(parsed.path("ref").asText()).isEqualTo("⟦CASE_REF_1⟧");
        assertThat(parsed.path("password").asText()).isEqualTo("⟦PASSWORD_1⟧");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Ouvre le ⟦CASE_REF_1⟧ stp");
        assertThat(redaction.pseudonyms().original("⟦CASE_REF_1⟧")).contains("dossier \"AB-1234\"");
        assertThat(redaction.pseudonyms().original("⟦PASSWORD_1⟧")).contains("p@$$w0rd\\1.*+?(x)");

        Restorer restorer = redaction.pseudonyms().restorer();
        JsonNode restored = JSON.readTree(restorer.restoreJson("{\"ref\":\"⟦CASE_REF_1⟧\",\"pw\":\"⟦PASSWORD_1⟧\"}"));
        assertThat(restored.path("ref").asText()).isEqualTo("dossier \"AB-1234\"");
        assertThat(restored.path("pw").asText()).isEqualTo("p@$$w0rd\\1.*+?(x)");
        // In plain text the same values come back raw: no regex replacement semantics ($1, \1) anywhere.
        assertThat(restorer.restore("pw ⟦PASSWORD_1⟧ ref ⟦CASE_REF_1⟧"))
                .isEqualTo("pw p@$$w0rd\\1.*+?(x) ref dossier \"AB-1234\"");
    }

    @Test
    void aFindingAcrossJsonStructureIsReplacedInItsValuesAndKeysThatAreValuesAreReplaced() throws Exception {
        // An organisation's address-line detector that spans two fields of the raw arguments text.
        Classifier classifier = Classifier.builder()
                .pattern("address_line", "[0-9]+ rue [a-zA-Z ]+\",\\s*\"city\":\\s*\"[0-9]{5} [A-Za-z]+")
                .build();
        ObjectNode body = parse("""
                {"model":"gpt-4o","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c",
                  "type":"function","function":{"name":"ship","arguments":
                  "{\\"street\\":\\"12 rue de la Paix\\", \\"city\\": \\"75002 Paris\\", \\"contacts\\":{\\"marie.dubois@example.fr\\" : \\"owner\\"}}"}}]}]}
                """);
        Classification classification = classifier.classify(RequestText.of(body), Set.of());
        assertThat(classification.categoryCounts()).containsEntry("custom.address_line", 1);

        Redaction redaction = REDACTOR.redact(body, classification, RedactionMode.PSEUDONYMIZE, CategorySelector.all());

        String arguments =
                body.at("/messages/0/tool_calls/0/function/arguments").asText();
        assertThat(arguments)
                .isEqualTo("{\"street\":\"⟦ADDRESS_LINE_1⟧\", \"city\": \"⟦ADDRESS_LINE_2⟧\","
                        + " \"contacts\":{\"⟦EMAIL_1⟧\" : \"owner\"}}");
        assertThat(JSON.readTree(arguments).path("contacts").has("⟦EMAIL_1⟧")).isTrue();
        assertThat(redaction.pseudonyms().original("⟦ADDRESS_LINE_1⟧")).contains("12 rue de la Paix");
        assertThat(redaction.pseudonyms().original("⟦ADDRESS_LINE_2⟧")).contains("75002 Paris");
        assertThat(redaction.replaced())
                .containsExactly(Map.entry("custom.address_line", 1), Map.entry("pii.email", 1));
    }

    @Test
    void toolArgumentsThatAreNotJsonAreRedactedAsPlainText() throws Exception {
        ObjectNode body = parse("""
                {"model":"gpt-4o","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c",
                  "type":"function","function":{"name":"mail","arguments":"{'to': 'marie.dubois@example.fr'"}}]}]}
                """);
        REDACTOR.redact(body, classifyOpenAi(body), RedactionMode.MASK, CategorySelector.of("pii.email"));

        assertThat(body.at("/messages/0/tool_calls/0/function/arguments").asText())
                .isEqualTo("{'to': '[pii.email]'");
    }

    @Test
    void overlappingFindingsAreReplacedOnceByTheOuterOne() throws Exception {
        // A custom keyword inside a detected name, and a custom pattern that sticks out of it.
        Classifier classifier = Classifier.builder()
                .keywords("vip", List.of("Dubois"))
                .pattern("contract", "Dubois, mon [a-z]+")
                .build();
        ObjectNode body = parse("""
                {"model":"m","max_tokens":10,"messages":[
                  {"role":"user","content":"Bonjour, je suis Marie Dubois, mon email est marie.dubois@example.fr."},
                  {"role":"user","content":"Le client Dubois a appelé."}]}
                """);
        Classification classification = classifier.classify(RequestText.of(body), Set.of());
        assertThat(findingsAt(classification, "/messages/0/content"))
                .extracting(f -> f.category())
                .contains("pii.person_name", "custom.vip", "custom.contract", "pii.email");

        Redaction redaction = REDACTOR.redact(body, classification, RedactionMode.PSEUDONYMIZE, CategorySelector.all());

        // "Marie Dubois" (12 chars) and "Dubois, mon email" (17) overlap: their union is one span, named by the longer.
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Bonjour, je suis ⟦CONTRACT_1⟧ est ⟦EMAIL_1⟧.");
        assertThat(redaction.pseudonyms().original("⟦CONTRACT_1⟧")).contains("Marie Dubois, mon email");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Le client ⟦VIP_1⟧ a appelé.");
        assertThat(redaction.replaced())
                .containsExactly(
                        Map.entry("custom.contract", 1), Map.entry("custom.vip", 1), Map.entry("pii.email", 1));
    }

    @Test
    void aKeywordInsideANameIsReplacedWithTheName() throws Exception {
        Classifier classifier =
                Classifier.builder().keywords("vip", List.of("Dubois")).build();
        ObjectNode body = parse("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Bonjour, je suis Marie Dubois."}]}
                """);
        Classification classification = classifier.classify(RequestText.of(body), Set.of());
        assertThat(classification.categoryCounts()).containsKeys("pii.person_name", "custom.vip");

        Redaction redaction =
                REDACTOR.redact(body, classification, RedactionMode.MASK, CategorySelector.of("pii.*", "custom.*"));

        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Bonjour, je suis [pii.person_name].");
        assertThat(redaction.replaced()).containsExactly(Map.entry("pii.person_name", 1));
    }

    @Test
    void placeholdersAlreadyInTheRequestAreNeverIssuedToAValue() throws Exception {
        ObjectNode body = parse("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":
                  "Mon modèle de courrier dit « écrire à ⟦EMAIL_1⟧ » et [[EMAIL_2]]. Mon adresse : marie.dubois@example.fr"}]}
                """);
        Redaction redaction =
                REDACTOR.redact(body, classifyAnthropic(body), RedactionMode.PSEUDONYMIZE, CategorySelector.all());

        assertThat(body.at("/messages/0/content").asText())
                .isEqualTo("Mon modèle de courrier dit « écrire à ⟦EMAIL_1⟧ » et [[EMAIL_2]]. Mon adresse : ⟦EMAIL_3⟧");
        Restorer restorer = redaction.pseudonyms().restorer();
        assertThat(restorer.restore("« écrire à ⟦EMAIL_1⟧ », [[EMAIL_2]], ⟦EMAIL_3⟧"))
                .isEqualTo("« écrire à ⟦EMAIL_1⟧ », [[EMAIL_2]], marie.dubois@example.fr");
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(1, 0, 2));
    }

    @Test
    void emojiAndSurrogatePairsNextToValuesSurviveTheRoundTrip() throws Exception {
        String text =
                "Mon nom est Zoé Lefèvre 👩‍💻 et mon numéro est 06 12 34 56 78😀. 😀Ring 😀+49 30 901820😀 today,"
                        + " 𝒜 jean.dupont@exemple.fr📧";
        ObjectNode body = JSON.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        Redaction redaction =
                REDACTOR.redact(body, classifyAnthropic(body), RedactionMode.PSEUDONYMIZE, CategorySelector.all());

        String redacted = body.at("/messages/0/content").asText();
        assertThat(redacted)
                .isEqualTo(
                        "Mon nom est ⟦PERSON_NAME_1⟧ 👩‍💻 et mon numéro est ⟦PHONE_1⟧😀. 😀Ring 😀⟦PHONE_2⟧😀 today,"
                                + " 𝒜 ⟦EMAIL_1⟧📧");
        assertThat(redaction.pseudonyms().restorer().restore(redacted)).isEqualTo(text);
    }

    @Test
    void aBodyThatNoLongerHoldsTheClassifiedTextIsRefused() throws Exception {
        ObjectNode body = parse(ANTHROPIC);
        Classification classification = classifyAnthropic(body);
        ((ObjectNode) body.at("/messages/0")).put("content", "something else");

        assertThatThrownBy(() -> REDACTOR.redact(body, classification, RedactionMode.MASK, CategorySelector.all()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segment /messages/0/content: the body does not hold the text that was classified there");
    }

    @Test
    void aRequestWithoutSelectedFindingsIsLeftAsItIs() throws Exception {
        ObjectNode body = parse(ANTHROPIC);
        String before = JSON.writeValueAsString(body);
        Redaction redaction = REDACTOR.redact(
                body, classifyAnthropic(body), RedactionMode.PSEUDONYMIZE, CategorySelector.of("special.*"));

        assertThat(redaction.isEmpty()).isTrue();
        assertThat(redaction.pseudonyms()).isSameAs(Pseudonyms.NONE);
        assertThat(JSON.writeValueAsString(body)).isEqualTo(before);
    }

    @Test
    void aCardNumberWrittenAsANumberIsReplacedByAStringPlaceholder() throws Exception {
        ObjectNode body = parse("""
                {"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t",
                  "name":"pay","input":{"card":4111111111111111,"amount":12}}]}]}
                """);
        REDACTOR.redact(body, classifyAnthropic(body), RedactionMode.PSEUDONYMIZE, CategorySelector.of("financial.*"));
        assertThat(body.at("/messages/0/content/0/input/card").isTextual()).isTrue();
        assertThat(body.at("/messages/0/content/0/input/card").asText()).isEqualTo("⟦CARD_NUMBER_1⟧");
        assertThat(body.at("/messages/0/content/0/input/amount").asInt()).isEqualTo(12);
    }

    @Test
    void aValueInAKeyOrAToolNameCannotBeReplacedAndIsReportedWithoutItsValue() throws Exception {
        ObjectNode body = parse("""
                {"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t",
                  "name":"n","input":{"jane.doe@example.org":"x"}}]}]}
                """);
        Classification classification = classifyAnthropic(body);
        Redactor.Unreplaceable found = Redactor.unreplaceable(classification, CategorySelector.of("pii.*"));
        assertThat(found).isNotNull();
        assertThat(found.form()).isEqualTo(dev.sovereign.classify.TextSegment.Form.KEY);
        assertThat(found.reason())
                .contains("pii.email", "key at /messages/0/content/0/input/")
                .doesNotContain("@");
        assertThat(Redactor.unreplaceable(classification, CategorySelector.of("financial.*")))
                .isNull();
        assertThatThrownBy(
                        () -> REDACTOR.redact(body, classification, RedactionMode.MASK, CategorySelector.of("pii.*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be replaced");
    }

    @Test
    void textInABase64DocumentOrADataUrlIsRedactedAndEncodedAgain() throws Exception {
        String doc = java.util.Base64.getEncoder()
                .encodeToString("Contact: marie.dubois@example.fr".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String url = "data:text/plain;base64,"
                + java.util.Base64.getEncoder()
                        .encodeToString(
                                "cc juergen.mueller@beispiel.de".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode body = parse("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"text/plain","data":"%s"}},
                  {"type":"file","file":{"filename":"n.txt","file_data":"%s"}}]}]}
                """.formatted(doc, url));
        Classification classification = classifyAnthropic(body);
        assertThat(classification.segments())
                .filteredOn(s -> s.segment().form() == dev.sovereign.classify.TextSegment.Form.ENCODED_TEXT)
                .hasSize(2);

        REDACTOR.redact(body, classification, RedactionMode.PSEUDONYMIZE, CategorySelector.of("pii.email"));

        String redactedDoc = new String(
                java.util.Base64.getDecoder()
                        .decode(body.at("/messages/0/content/0/source/data").asText()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(redactedDoc).isEqualTo("Contact: ⟦EMAIL_1⟧");
        String redactedUrl = body.at("/messages/0/content/1/file/file_data").asText();
        assertThat(redactedUrl).startsWith("data:text/plain;base64,");
        assertThat(new String(
                        java.util.Base64.getDecoder().decode(redactedUrl.substring(redactedUrl.indexOf(',') + 1)),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("cc ⟦EMAIL_2⟧");
    }
}
