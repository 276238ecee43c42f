package dev.sovereign.bench.classify;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import dev.sovereign.bench.classify.Corpus.Generator;
import dev.sovereign.bench.classify.Corpus.Sample;
import dev.sovereign.bench.classify.Corpus.Subset;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What the corpus puts in its documents: each category's values in sentences of the languages that write them (valid
 * identifiers with their check digits, names, phones, addresses), and the subsets scored on their own.
 */
final class Generators {
    private final Random random;
    private final Values values;
    private final DatesOfBirth datesOfBirth;
    private final PostcodeCities postcodeCities;

    Generators(Random random, Values values) {
        this.random = random;
        this.values = values;
        this.datesOfBirth = new DatesOfBirth(random);
        this.postcodeCities = new PostcodeCities(random);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** A generator whose values fit every one of its templates. */
    private Generator generator(String category, Supplier<String> value, List<String> templates, boolean checksum) {
        return new Generator(category, null, () -> new Sample(pick(templates), value.get()), checksum);
    }

    /** A generator of one subset, whose values go with templates of their own language. */
    private Generator generator(Subset subset, Supplier<Sample> sample, boolean checksum) {
        return new Generator(subset.category(), subset, sample, checksum);
    }

    /** Every generator, in a fixed order (the corpus picks among them with its seeded random). */
    List<Generator> all() {
        return List.of(
                generator(
                        "pii.national_id.fr",
                        values::frNir,
                        List.of(
                                "Mon numéro de sécurité sociale est le {}.",
                                "NIR : {} (assuré principal)",
                                "Voici mon numéro de sécu {} pour le remboursement."),
                        true),
                generator(
                        "pii.tax_id.de",
                        values::deTaxId,
                        List.of(
                                "Meine Steuer-ID lautet {}.",
                                "Steueridentifikationsnummer: {}",
                                "Bitte die IdNr {} im Formular eintragen."),
                        true),
                generator(
                        "pii.national_id.es",
                        () -> random.nextBoolean() ? values.esDni() : values.esNie(),
                        List.of(
                                "Mi DNI es {} y vivo en Sevilla.",
                                "Adjunto copia del documento {} del cliente.",
                                "NIE del trabajador: {}"),
                        true),
                generator(
                        "pii.national_id.it",
                        values::itCodiceFiscale,
                        List.of(
                                "Il mio codice fiscale è {}.",
                                "CF: {} - paziente ricoverato",
                                "Per la fattura serve il codice {}."),
                        true),
                generator(
                        "pii.national_id.nl",
                        values::nlBsn,
                        List.of(
                                "Mijn BSN is {}.",
                                "Burgerservicenummer: {}",
                                "Het BSN van de klant is {}, graag controleren."),
                        true),
                generator(
                        "pii.national_id.be",
                        values::beNationalNumber,
                        List.of(
                                "Rijksregisternummer: {}",
                                "Mon numéro national est le {}.",
                                "INSZ {} van de werknemer"),
                        true),
                generator(
                        "pii.national_id.pl",
                        values::plPesel,
                        List.of("Numer PESEL: {}", "My PESEL is {} if needed.", "PESEL pacjenta {}"),
                        true),
                generator(
                        "pii.national_id.se",
                        values::sePersonnummer,
                        List.of("Mitt personnummer är {}.", "Personnummer: {}", "Customer personnummer {} on file."),
                        true),
                generator(
                        "pii.national_id.dk",
                        values::dkCpr,
                        List.of("Mit CPR-nummer er {}.", "CPR: {}", "Patient CPR nummer {} registered."),
                        false),
                generator(
                        "pii.national_id.fi",
                        values::fiHetu,
                        List.of("Henkilötunnus {}", "My HETU is {}.", "Asiakkaan henkilötunnus: {}"),
                        true),
                generator(
                        "pii.tax_id.pt",
                        values::ptNif,
                        List.of("O meu NIF é {}.", "Número de contribuinte: {}", "NIF do cliente {} para a fatura."),
                        true),
                generator(
                        "pii.national_id.at",
                        values::atSvnr,
                        List.of(
                                "Sozialversicherungsnummer: {}",
                                "Meine SVNR ist {}.",
                                "Versicherungsnummer {} auf der e-card"),
                        true),
                generator(
                        "pii.national_id.ie",
                        values::iePpsn,
                        List.of("My PPSN is {}.", "PPS number: {}", "Please quote your PPS No {} on the form."),
                        true),
                generator(
                        "pii.national_id.gb",
                        values::gbNino,
                        List.of("My National Insurance number is {}.", "NI number: {}", "NINO {} for payroll"),
                        false),
                generator(
                        "pii.health_insurance.gb",
                        values::gbNhs,
                        List.of("NHS number: {}", "Her NHS number is {}.", "Patient (NHS no {}) attended clinic."),
                        true),
                generator(
                        "pii.national_id.us",
                        values::usSsn,
                        List.of("SSN: {}", "My social security number is {}.", "Employee SSN {} for W-2"),
                        false),
                generator(
                        "pii.tax_id.us",
                        values::usItin,
                        List.of("ITIN: {}", "My ITIN is {}.", "Taxpayer identification {} on the 1040"),
                        false),
                generator(
                        "financial.card_number",
                        values::card,
                        List.of(
                                "Card number {} exp 09/28",
                                "Please charge {} for the order.",
                                "Ma carte bancaire: {}",
                                "Kreditkarte {} wurde abgelehnt."),
                        true),
                generator(
                        "financial.iban",
                        values::iban,
                        List.of(
                                "IBAN: {}",
                                "Virement sur le compte {} svp.",
                                "Bitte überweisen Sie auf {}.",
                                "Paga a {} entro venerdì.",
                                "Rekeningnummer {} (ING)"),
                        true),
                generator(
                        "financial.vat_id",
                        values::vat,
                        List.of("VAT number {}", "N° TVA intracommunautaire : {}", "USt-IdNr.: {}", "Partita IVA {}"),
                        true),
                generator(
                        "pii.email",
                        () -> values.email(pick(FIRST), pick(LAST)),
                        List.of(
                                "Write to {} for details.",
                                "Contact: {}",
                                "Mi correo es {}.",
                                "Envoyez-le à {} merci."),
                        false),
                generator(
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
                generator(
                        "pii.ip_address",
                        () -> random.nextBoolean() ? values.ipv4() : values.ipv6(),
                        List.of(
                                "The server at {} is down.",
                                "Blocked IP {} after failed logins.",
                                "ssh admin@{} -p 22"),
                        false),
                generator(
                        "secret.aws_access_key",
                        values::awsKeyId,
                        List.of("aws_access_key_id = {}", "export AWS_ACCESS_KEY_ID={}"),
                        false),
                generator(
                        "secret.api_key.github",
                        values::githubToken,
                        List.of("GITHUB_TOKEN={}", "use token {} for the CI"),
                        false),
                generator(
                        "secret.api_key.stripe",
                        values::stripeKey,
                        List.of("stripe.api_key = \"{}\"", "STRIPE_SECRET={}"),
                        false),
                generator(
                        "secret.jwt",
                        values::jwt,
                        List.of("Authorization: Bearer {}", "curl -H 'Authorization: Bearer {}' https://api"),
                        false),
                generator(
                        "secret.password",
                        values::password,
                        List.of("password = \"{}\"", "DB_PASSWORD={}", "mot de passe : {}", "Passwort: {}"),
                        false),
                generator(
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
                generator(
                        "pii.postal_address",
                        this::address,
                        List.of(
                                "Ship it to {} please.",
                                "Adresse de livraison : {}",
                                "Lieferadresse: {}",
                                "Mi dirección es {}.",
                                "Spedire a {} entro lunedì.",
                                "Afleveradres: {}"),
                        false),
                generator(
                        Corpus.CORSICAN_NIR,
                        () -> new Sample(
                                pick(List.of(
                                        "Mon numéro de sécurité sociale est le {}.",
                                        "NIR : {} (assuré principal)",
                                        "Voici mon numéro de sécu {} pour le remboursement.")),
                                values.frNirCorsica()),
                        true),
                generator(Corpus.DATES_IN_WORDS, () -> sample(datesOfBirth.sample(random.nextInt(6))), false),
                generator(Corpus.POSTCODE_CITY, () -> sample(postcodeCities.sample()), false));
    }

    private static Sample sample(String[] templateAndValue) {
        return new Sample(templateAndValue[0], templateAndValue[1]);
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
}
