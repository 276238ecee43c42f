package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Secrets, special categories, names and addresses: what must be found, and look-alikes that must not. */
class SecretAndDictionaryDetectorsTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "I was treated for depression last year.",
                "Il est musulman et pratiquant.",
                "Elle souffre de dépression.",
                "Er ist Muslim.",
            })
    void aTermIsOneFindingEvenWhenSeveralDictionaryFormsMatchIt(String text) {
        List<Finding> findings = CLASSIFIER.scan(text);
        assertThat(findings).isNotEmpty();
        assertThat(findings.stream().map(f -> f.category() + "@" + f.start() + "-" + f.end()))
                .doesNotHaveDuplicates();
    }

    static Stream<Arguments> found() {
        return Stream.of(
                Arguments.of(
                        "secret.aws_access_key", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
                Arguments.of(
                        "secret.aws_secret_key",
                        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                Arguments.of(
                        "secret.api_key.github",
                        "token: ghp_16C7e42F292c6912E7710c838347Ae178B4a ok",
                        "ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
                Arguments.of(
                        "secret.api_key.gitlab", "GITLAB=glpat-xZ3bA9kLmN0pQrS7tUvW now", "glpat-xZ3bA9kLmN0pQrS7tUvW"),
                Arguments.of(
                        "secret.api_key.slack",
                        "slack xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
                        "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp"),
                Arguments.of(
                        "secret.api_key.stripe",
                        "key sk_live_4eC39HqLyjWDarjtT1zdp7dc end",
                        "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
                Arguments.of(
                        "secret.api_key.google",
                        "maps AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW here",
                        "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW"),
                Arguments.of(
                        "secret.api_key.anthropic",
                        "export ANTHROPIC_API_KEY=sk-ant-api03-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz-_AbCdEf",
                        "sk-ant-api03-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz-_AbCdEf"),
                Arguments.of(
                        "secret.api_key.openai",
                        "OPENAI_API_KEY=sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWx",
                        "sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWx"),
                Arguments.of(
                        "secret.jwt",
                        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
                Arguments.of(
                        "secret.private_key",
                        "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nrest",
                        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"),
                Arguments.of(
                        "secret.connection_string",
                        "DATABASE_URL=postgres://app:S3cr3t!pw@db.internal:5432/app",
                        "postgres://app:S3cr3t!pw@db.internal"),
                Arguments.of("secret.password", "db.password = \"Tr0ub4dor&3xK\"", "Tr0ub4dor&3xK"),
                Arguments.of("secret.password", "mon mot de passe: Kx9#mQ2vLp!", "Kx9#mQ2vLp!"),
                Arguments.of("secret.password", "My password is hunter2xyz!", "hunter2xyz!"),
                Arguments.of("secret.password", "Mon mot de passe est hunter2xyz! Merci.", "hunter2xyz!"),
                Arguments.of("secret.password", "Mein Passwort ist hunter2xyz!", "hunter2xyz!"),
                Arguments.of("secret.password", "Mein Passwort lautet Tr0ub4dor&3. Danke", "Tr0ub4dor&3"),
                Arguments.of("secret.password", "Mi contraseña es hunter2xyz!", "hunter2xyz!"),
                Arguments.of("secret.password", "La mia password è hunter2xyz!", "hunter2xyz!"),
                Arguments.of("secret.password", "Mijn wachtwoord is hunter2xyz!", "hunter2xyz!"),
                Arguments.of("special.health", "She was diagnosed with Diabète last year", "diagnosed"),
                Arguments.of("special.health", "Der Patient hat eine Schwangerschaft", "Schwangerschaft"),
                Arguments.of("special.religion", "il est musulman pratiquant", "musulman"),
                Arguments.of("special.trade_union", "Hij is lid van de vakbond sinds 2010", "lid van de vakbond"),
                Arguments.of("special.sexual_orientation", "mi hermano es homosexual", "homosexual"),
                Arguments.of("special.political", "Er ist Parteimitglied der SPD", "Parteimitglied"),
                Arguments.of("special.biometric", "we store fingerprints of staff", "fingerprints"),
                Arguments.of("special.genetic", "résultat du test génétique BRCA", "test génétique"),
                Arguments.of("special.ethnic_origin", "asked about her ethnic origin", "ethnic origin"),
                Arguments.of("pii.person_name", "Hello, my name is Camille Durand and I need help", "Camille Durand"),
                Arguments.of("pii.person_name", "Please forward this to Giulia Bianchi today", "Giulia Bianchi"),
                Arguments.of("pii.person_name", "Best regards,\nHendrik van der Berg", "Hendrik van der Berg"),
                Arguments.of(
                        "pii.postal_address",
                        "J'habite au 12 rue de la Paix, 75002 Paris depuis",
                        "12 rue de la Paix, 75002 Paris"),
                Arguments.of(
                        "pii.postal_address",
                        "Lieferung an Hauptstraße 5, 10115 Berlin bitte",
                        "Hauptstraße 5, 10115 Berlin"),
                Arguments.of("pii.postal_address", "Vivo en Calle Mayor 5 en el centro", "Calle Mayor 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("found")
    void findsIt(String category, String text, String value) {
        int start = text.indexOf(value);
        assertThat(CLASSIFIER.scan(text))
                .filteredOn(f -> f.category().equals(category))
                .anySatisfy(f -> {
                    assertThat(f.start()).isEqualTo(start);
                    assertThat(f.end()).isEqualTo(start + value.length());
                });
    }

    static Stream<String> clean() {
        return Stream.of(
                "Order #48213377 shipped on 2024-05-12T10:22:33Z",
                "invoice INV-2024-000123 is due, ref 550e8400-e29b-41d4-a716-446655440000",
                "upgrade to version 2.14.1 (commit 3f786850e387550fdab836ed7e6dc881de23001b)",
                "password = ${DB_PASSWORD}",
                "the password is stored in the vault",
                "my password is too long",
                "the password is stored hashed",
                "Your password is incorrect, try again.",
                "Das Passwort ist abgelaufen.",
                "Le mot de passe est obligatoire.",
                "for (int i = 0; i < 100; i++) { total += prices[i] * 1.2; }",
                "sk-this-is-not-a-key and AKIA-short",
                "The race condition happens when two threads run the operation",
                "Call 555 tomorrow at 10:30",
                "The meeting room is on floor 3 of Building 12");
    }

    @ParameterizedTest
    @MethodSource("clean")
    void findsNothingInHardNegatives(String text) {
        List<Finding> findings = CLASSIFIER.scan(text);
        assertThat(findings).isEmpty();
    }
}
