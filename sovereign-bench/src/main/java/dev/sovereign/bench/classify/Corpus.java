package dev.sovereign.bench.classify;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A labelled multilingual corpus, generated from a seed: valid identifiers in realistic sentences of EN, FR, DE, ES,
 * IT and NL, names, addresses, special-category statements, and hard negatives (order numbers, invoice ids,
 * timestamps, UUIDs, versions, hashes, code, numbers that fail their checksum). Same seed, same corpus.
 */
public final class Corpus {
    /** A gold label: the category and span of one sensitive value. */
    public record Label(String category, int start, int end) {}

    /** One document and its labels. */
    public record Document(String text, List<Label> labels) {}

    private final Random random;
    private final Values values;

    public Corpus(long seed) {
        this.random = new Random(seed);
        this.values = new Values(random);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static final class Builder {
        final StringBuilder text = new StringBuilder();
        final List<Label> labels = new ArrayList<>();

        Builder fill(String template, String category, String value) {
            int at = template.indexOf("{}");
            text.append(template, 0, at);
            if (category != null) {
                labels.add(new Label(category, text.length(), text.length() + value.length()));
            }
            text.append(value).append(template.substring(at + 2));
            return this;
        }

        Document build() {
            return new Document(text.toString(), List.copyOf(labels));
        }
    }

    private record Generator(String category, Supplier<String> value, List<String> templates, boolean checksum) {}

    private List<Generator> generators() {
        return List.of(
                new Generator(
                        "pii.national_id.fr",
                        values::frNir,
                        List.of(
                                "Mon numéro de sécurité sociale est le {}.",
                                "NIR : {} (assuré principal)",
                                "Voici mon numéro de sécu {} pour le remboursement."),
                        true),
                new Generator(
                        "pii.tax_id.de",
                        values::deTaxId,
                        List.of(
                                "Meine Steuer-ID lautet {}.",
                                "Steueridentifikationsnummer: {}",
                                "Bitte die IdNr {} im Formular eintragen."),
                        true),
                new Generator(
                        "pii.national_id.es",
                        () -> random.nextBoolean() ? values.esDni() : values.esNie(),
                        List.of(
                                "Mi DNI es {} y vivo en Sevilla.",
                                "Adjunto copia del documento {} del cliente.",
                                "NIE del trabajador: {}"),
                        true),
                new Generator(
                        "pii.national_id.it",
                        values::itCodiceFiscale,
                        List.of(
                                "Il mio codice fiscale è {}.",
                                "CF: {} - paziente ricoverato",
                                "Per la fattura serve il codice {}."),
                        true),
                new Generator(
                        "pii.national_id.nl",
                        values::nlBsn,
                        List.of(
                                "Mijn BSN is {}.",
                                "Burgerservicenummer: {}",
                                "Het BSN van de klant is {}, graag controleren."),
                        true),
                new Generator(
                        "pii.national_id.be",
                        values::beNationalNumber,
                        List.of(
                                "Rijksregisternummer: {}",
                                "Mon numéro national est le {}.",
                                "INSZ {} van de werknemer"),
                        true),
                new Generator(
                        "pii.national_id.pl",
                        values::plPesel,
                        List.of("Numer PESEL: {}", "My PESEL is {} if needed.", "PESEL pacjenta {}"),
                        true),
                new Generator(
                        "pii.national_id.se",
                        values::sePersonnummer,
                        List.of("Mitt personnummer är {}.", "Personnummer: {}", "Customer personnummer {} on file."),
                        true),
                new Generator(
                        "pii.national_id.dk",
                        values::dkCpr,
                        List.of("Mit CPR-nummer er {}.", "CPR: {}", "Patient CPR nummer {} registered."),
                        false),
                new Generator(
                        "pii.national_id.fi",
                        values::fiHetu,
                        List.of("Henkilötunnus {}", "My HETU is {}.", "Asiakkaan henkilötunnus: {}"),
                        true),
                new Generator(
                        "pii.tax_id.pt",
                        values::ptNif,
                        List.of("O meu NIF é {}.", "Número de contribuinte: {}", "NIF do cliente {} para a fatura."),
                        true),
                new Generator(
                        "pii.national_id.at",
                        values::atSvnr,
                        List.of(
                                "Sozialversicherungsnummer: {}",
                                "Meine SVNR ist {}.",
                                "Versicherungsnummer {} auf der e-card"),
                        true),
                new Generator(
                        "pii.national_id.ie",
                        values::iePpsn,
                        List.of("My PPSN is {}.", "PPS number: {}", "Please quote your PPS No {} on the form."),
                        true),
                new Generator(
                        "pii.national_id.gb",
                        values::gbNino,
                        List.of("My National Insurance number is {}.", "NI number: {}", "NINO {} for payroll"),
                        false),
                new Generator(
                        "pii.health_insurance.gb",
                        values::gbNhs,
                        List.of("NHS number: {}", "Her NHS number is {}.", "Patient (NHS no {}) attended clinic."),
                        true),
                new Generator(
                        "pii.national_id.us",
                        values::usSsn,
                        List.of("SSN: {}", "My social security number is {}.", "Employee SSN {} for W-2"),
                        false),
                new Generator(
                        "pii.tax_id.us",
                        values::usItin,
                        List.of("ITIN: {}", "My ITIN is {}.", "Taxpayer identification {} on the 1040"),
                        false),
                new Generator(
                        "financial.card_number",
                        values::card,
                        List.of(
                                "Card number {} exp 09/28",
                                "Please charge {} for the order.",
                                "Ma carte bancaire: {}",
                                "Kreditkarte {} wurde abgelehnt."),
                        true),
                new Generator(
                        "financial.iban",
                        values::iban,
                        List.of(
                                "IBAN: {}",
                                "Virement sur le compte {} svp.",
                                "Bitte überweisen Sie auf {}.",
                                "Paga a {} entro venerdì.",
                                "Rekeningnummer {} (ING)"),
                        true),
                new Generator(
                        "financial.vat_id",
                        values::vat,
                        List.of("VAT number {}", "N° TVA intracommunautaire : {}", "USt-IdNr.: {}", "Partita IVA {}"),
                        true),
                new Generator(
                        "pii.email",
                        () -> values.email(pick(FIRST), pick(LAST)),
                        List.of(
                                "Write to {} for details.",
                                "Contact: {}",
                                "Mi correo es {}.",
                                "Envoyez-le à {} merci."),
                        false),
                new Generator(
                        "pii.phone",
                        this::phone,
                        List.of(
                                "Call me on {} tomorrow.",
                                "Tél : {}",
                                "Telefon: {}",
                                "Mi teléfono es {}.",
                                "Il mio cellulare è {}.",
                                "Bel me op {}."),
                        false),
                new Generator(
                        "pii.ip_address",
                        () -> random.nextBoolean() ? values.ipv4() : values.ipv6(),
                        List.of(
                                "The server at {} is down.",
                                "Blocked IP {} after failed logins.",
                                "ssh admin@{} -p 22"),
                        false),
                new Generator(
                        "secret.aws_access_key",
                        values::awsKeyId,
                        List.of("aws_access_key_id = {}", "export AWS_ACCESS_KEY_ID={}"),
                        false),
                new Generator(
                        "secret.api_key.github",
                        values::githubToken,
                        List.of("GITHUB_TOKEN={}", "use token {} for the CI"),
                        false),
                new Generator(
                        "secret.api_key.stripe",
                        values::stripeKey,
                        List.of("stripe.api_key = \"{}\"", "STRIPE_SECRET={}"),
                        false),
                new Generator(
                        "secret.jwt",
                        values::jwt,
                        List.of("Authorization: Bearer {}", "curl -H 'Authorization: Bearer {}' https://api"),
                        false),
                new Generator(
                        "secret.password",
                        values::password,
                        List.of("password = \"{}\"", "DB_PASSWORD={}", "mot de passe : {}", "Passwort: {}"),
                        false),
                new Generator(
                        "pii.person_name",
                        () -> pick(FIRST) + " " + pick(LAST),
                        List.of(
                                "Hello, my name is {} and I need help with my account.",
                                "Je m'appelle {} et j'habite à Lyon.",
                                "Ich heiße {} und arbeite in München.",
                                "Me llamo {} y soy de Valencia.",
                                "Mi chiamo {} e lavoro a Milano.",
                                "Mijn naam is {}.",
                                "Kind regards,\n{}",
                                "Cordialement,\n{}",
                                "Please forward this to {} today.",
                                "Sig. {} ha chiamato."),
                        false),
                new Generator(
                        "pii.postal_address",
                        this::address,
                        List.of(
                                "Ship it to {} please.",
                                "Adresse de livraison : {}",
                                "Lieferadresse: {}",
                                "Mi dirección es {}.",
                                "Spedire a {} entro lunedì.",
                                "Afleveradres: {}"),
                        false));
    }

    static final List<String> FIRST = List.of(
            "Camille", "Jean", "Marie", "Lukas", "Anna", "Giulia", "Marco", "Lucía", "Javier", "Sanne", "Daan", "Emma",
            "Oliver", "Sophie", "Hugo", "Noor", "Matteo", "Elena", "Tobias", "Chloé", "Bram", "Inès", "Aoife", "Niamh",
            "Björn", "Zofia", "Kasper", "Eero", "Joana", "Dragan");
    static final List<String> LAST = List.of(
            "Durand",
            "Martin",
            "Müller",
            "Schmidt",
            "Rossi",
            "Bianchi",
            "García",
            "Fernández",
            "de Jong",
            "Jansen",
            "Smith",
            "Taylor",
            "Lefèvre",
            "Moreau",
            "Weber",
            "Ricci",
            "López",
            "Bakker",
            "Visser",
            "O'Brien",
            "Kowalski",
            "Nielsen",
            "Virtanen",
            "Silva",
            "Novak");

    private static final List<String> REGIONS =
            List.of("FR", "DE", "ES", "IT", "NL", "BE", "GB", "IE", "PL", "SE", "AT");

    private String phone() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        String region = pick(REGIONS);
        var number = util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        number.setNationalNumber(number.getNationalNumber() + random.nextInt(50));
        if (!util.isValidNumber(number)) {
            number = util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        }
        return util.format(
                number, random.nextInt(3) == 0 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
    }

    private String address() {
        int number = 1 + random.nextInt(180);
        return switch (random.nextInt(6)) {
            case 0 ->
                number + " rue " + pick(List.of("de la Paix", "Victor Hugo", "des Lilas", "du Moulin")) + ", "
                        + (10000 + random.nextInt(85000)) + " " + pick(List.of("Paris", "Lyon", "Nantes", "Lille"));
            case 1 ->
                pick(List.of("Hauptstraße", "Bahnhofstraße", "Lindenweg", "Goethestraße", "Marktplatz")) + " " + number
                        + ", " + (10000 + random.nextInt(89999)) + " "
                        + pick(List.of("Berlin", "Hamburg", "Köln", "Leipzig"));
            case 2 ->
                "Calle " + pick(List.of("Mayor", "Alcalá", "Serrano", "Gran Vía")) + " " + number + ", "
                        + (10000 + random.nextInt(40000)) + " " + pick(List.of("Madrid", "Sevilla", "Bilbao"));
            case 3 ->
                "Via " + pick(List.of("Roma", "Garibaldi", "Mazzini", "Dante")) + " " + number + ", "
                        + (10000 + random.nextInt(89999)) + " " + pick(List.of("Milano", "Torino", "Bologna"));
            case 4 ->
                pick(List.of("Keizersgracht", "Kalverstraat", "Dorpsstraat", "Stationsweg")) + " " + number + ", "
                        + (1000 + random.nextInt(8999)) + " AB " + pick(List.of("Amsterdam", "Utrecht", "Leiden"));
            default -> number + " " + pick(List.of("Baker", "High", "Church", "Station")) + " Street";
        };
    }

    /** Special-category statements; terms in square brackets are labelled, some are absent from the dictionaries. */
    private static final List<String[]> SPECIAL = List.of(
            new String[] {"special.health", "She was [diagnosed] with [diabetes] in 2019."},
            new String[] {"special.health", "Le patient souffre d'[épilepsie] depuis l'enfance."},
            new String[] {"special.health", "Er nimmt [Antidepressiva] wegen seiner [Depression]."},
            new String[] {"special.health", "Mi madre tiene [cáncer] de mama."},
            new String[] {"special.health", "Ha avuto un [infarto] l'anno scorso."},
            new String[] {"special.health", "Hij heeft [suikerziekte] en gebruikt [insuline]."},
            new String[] {"special.health", "He has [Crohn's disease] and takes [mesalazine]."},
            new String[] {"special.health", "Elle est [enceinte] de cinq mois."},
            new String[] {"special.religion", "As a [practising Muslim] he fasts during [Ramadan]."},
            new String[] {"special.religion", "Sie ist [katholisch] und geht sonntags zur Kirche."},
            new String[] {"special.religion", "Il est [juif] et mange [kosher]."},
            new String[] {"special.political", "He is a [party member] of the [Labour Party]."},
            new String[] {"special.political", "Je suis [adhérent du parti] depuis 2015."},
            new String[] {"special.trade_union", "She is a [union member] and [shop steward]."},
            new String[] {"special.trade_union", "Er ist [Gewerkschaftsmitglied] bei der [IG Metall]."},
            new String[] {"special.sexual_orientation", "He [came out as] [gay] last year."},
            new String[] {"special.sexual_orientation", "Sa [orientation sexuelle] ne regarde personne."},
            new String[] {"special.biometric", "Employees clock in with their [fingerprint]."},
            new String[] {"special.biometric", "Wir nutzen [Gesichtserkennung] am Eingang."},
            new String[] {"special.genetic", "Her [BRCA1] [genetic test] came back positive."},
            new String[] {"special.genetic", "Il [test genetico] ha rivelato una [mutazione genetica]."},
            new String[] {"special.ethnic_origin", "The form asks for your [ethnic origin]."},
            new String[] {"special.ethnic_origin", "Seine [ethnische Herkunft] spielt keine Rolle."});

    /** Text that looks like data but is not sensitive. */
    private List<Supplier<String>> negatives() {
        return List.of(
                () -> "Order #" + values.orderNumber() + " shipped on 2025-0" + (1 + random.nextInt(9)) + "-1"
                        + random.nextInt(10) + "T10:2" + random.nextInt(10) + ":33Z.",
                () -> "Invoice INV-2025-" + values.orderNumber() + " is due in 30 days.",
                () -> "Request id " + values.uuid() + " failed with status 503.",
                () -> "Upgrade to version " + (1 + random.nextInt(5)) + "." + random.nextInt(20) + "."
                        + random.nextInt(9) + " (commit " + values.hex(40) + ").",
                () -> "sha256: " + values.hex(64),
                () -> "for (int i = 0; i < " + random.nextInt(1000) + "; i++) { sum += a[i] * 31; }",
                () -> "{\"id\": " + values.orderNumber() + ", \"qty\": " + random.nextInt(50) + ", \"price\": 19.99}",
                () -> "Reference number " + Values.corrupt(values.nlBsn()) + " was not found.",
                () -> "Account " + Values.corrupt(values.iban()) + " looks wrong, please check.",
                () -> "Card " + Values.corrupt(values.card()) + " was declined.",
                () -> "Ticket " + Values.corrupt(values.frNir()) + " reopened.",
                () -> "The meeting is on floor " + random.nextInt(9) + " of Building " + random.nextInt(40) + ".",
                () -> "We shipped " + random.nextInt(10000) + " units in Q" + (1 + random.nextInt(4)) + " 2024.",
                () -> "Set timeout=" + random.nextInt(60000) + " and retries=3 in config.yaml.",
                () -> "Dear Customer, thank you for your order.",
                () -> "The race condition happens when two threads run the operation.",
                () -> "Tracking number " + values.orderNumber() + values.orderNumber() + " in transit.",
                () -> "Call the API at http://localhost:8080/v1/items?page=" + random.nextInt(9));
    }

    /** {@code count} labelled documents: roughly 70% with one or two values, 30% hard negatives only. */
    public List<Document> documents(int count) {
        List<Generator> generators = generators();
        List<Supplier<String>> negatives = negatives();
        List<Document> documents = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            Builder b = new Builder();
            int kind = random.nextInt(10);
            if (kind < 6) {
                Generator g = pick(generators);
                b.fill(pick(g.templates()) + " ", g.category(), g.value().get());
                b.fill(pick(negatives).get() + "{}", null, "");
            } else if (kind < 7) {
                String[] special = pick(SPECIAL);
                String s = special[1];
                int p = 0;
                while (p < s.length()) {
                    int open = s.indexOf('[', p);
                    if (open < 0) {
                        b.fill(s.substring(p) + "{}", null, "");
                        break;
                    }
                    int close = s.indexOf(']', open);
                    b.fill(s.substring(p, open) + "{}", special[0], s.substring(open + 1, close));
                    p = close + 1;
                }
            } else {
                b.fill(pick(negatives).get() + " " + pick(negatives).get() + "{}", null, "");
            }
            documents.add(b.build());
        }
        return documents;
    }

    /** Categories whose detector validates a checksum (precision/recall targets apply). */
    public List<String> checksumCategories() {
        return generators().stream()
                .filter(Generator::checksum)
                .map(Generator::category)
                .toList();
    }
}
