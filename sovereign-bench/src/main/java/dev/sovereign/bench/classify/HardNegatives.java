package dev.sovereign.bench.classify;

import java.util.List;
import java.util.Random;

/**
 * Hard negatives for the weaker detectors: capitalised words that are not person names, years and quantities before
 * a city name, and dates written in words without a date-of-birth word. Some are known to fool the engine (a brand
 * named after its founder, a company "born" on a date); they stay in so the figures show it.
 */
final class HardNegatives {
    /** Sentence-initial common nouns, places, stations, brands, months and weekdays, titles and addressees. */
    private static final List<String> NOT_NAMES = List.of(
            "Paris is lovely in the spring.",
            "We met at Victoria Station at noon.",
            "Meet me at London Bridge tomorrow.",
            "Monday works better than Friday for the review.",
            "The report is due in January, not in March.",
            "Apple released the new iPhone in September.",
            "My Samsung Galaxy keeps restarting.",
            "Microsoft Teams crashed during the call.",
            "The Doctor will see you now.",
            "Dear Sir or Madam, please find the invoice attached.",
            "Dear Valued Partner, our prices change in April.",
            "Thanks Team, great work on the launch.",
            "The President met the Prime Minister on Tuesday.",
            "Customer Service will call you back.",
            "Kind regards,\nThe Support Team",
            "Best regards,\nMarketing Department",
            "Manchester United won on Sunday.",
            "Bonjour Madame, votre colis est arrivé.",
            "Rendez-vous à la Gare de Lyon lundi.",
            "Cordialement,\nLe Service Client",
            "Nous partons à Marseille en Juillet.",
            "Monsieur le Directeur, veuillez trouver le rapport ci-joint.",
            "Sehr geehrte Damen und Herren, anbei die Rechnung.",
            "Wir treffen uns am Alexanderplatz.",
            "Mit freundlichen Grüßen\nIhr Kundenservice",
            "Die Deutsche Bahn hat wieder Verspätung.",
            "Estimado Cliente, gracias por su pedido.",
            "Nos vemos en la Puerta del Sol el Domingo.",
            "Atentamente,\nEl Equipo de Ventas",
            "Gentile Cliente, la ringraziamo per l'ordine.",
            "Ci vediamo in Piazza Navona a Maggio.",
            "Cordiali saluti,\nUfficio Vendite",
            "La Ferrari ha vinto a Monza.",
            "Beste Klant, bedankt voor uw bestelling.",
            "We zien elkaar op het Centraal Station.",
            "Met vriendelijke groet,\nHet Klantenteam",
            "Albert Heijn is op Zondag open.");

    /**
     * More of the same, written after the engine's stop words for team signatures were drawn from {@link #NOT_NAMES}
     * and not used to tune them: the figure on this list is the one to trust.
     */
    private static final List<String> NOT_NAMES_HELD_OUT = List.of(
            "Regards,\nAccounts Payable",
            "Sincerely,\nThe Management",
            "Thanks,\nIT Helpdesk",
            "Dear Hiring Manager, I am applying for the role.",
            "Dear Valued Customer, your order has shipped.",
            "Hello Support, my login fails.",
            "Bien à vous,\nL'équipe RH",
            "Viele Grüße\nDas Team Vertrieb",
            "Saludos,\nRecursos Humanos",
            "Distinti saluti,\nLa Direzione",
            "Groeten,\nTeam Finance",
            "Dear Editor, please consider my letter.",
            "Signed: Head of Legal",
            "Mr. Clean removes stains.",
            "Dr. Oetker pizza is in the freezer.",
            "Ask Jeeves was a search engine.",
            "Hi Everyone, the meeting moved to Thursday.",
            "Cher Client, votre facture est disponible.",
            "Liebe Kolleginnen und Kollegen, bitte beachten.",
            "Querido Equipo, gracias por todo.");

    private static final List<String> CITIES = List.of(
            "Paris",
            "Berlin",
            "Madrid",
            "Roma",
            "Amsterdam",
            "Wien",
            "Stockholm",
            "Lisboa",
            "Helsinki",
            "Warszawa",
            "Antwerpen",
            "Frederiksberg",
            "Dublin",
            "München",
            "Barcelona");

    private static final List<String> EVENTS =
            List.of("Olympics", "Marathon", "summit", "conference", "Expo", "Biennale", "final", "edition");

    private static final List<String> DATES = List.of(
            "The release is planned for {d} {EN} {y}.",
            "Réunion le {d} {FR} {y} à 10h.",
            "Lieferung am {d}. {DE} {y}.",
            "La entrega es el {d} de {ES} de {y}.",
            "La consegna è prevista per il {d} {IT} {y}.",
            "De vergadering is op {d} {NL} {y}.",
            "The company was born on {d} {EN} {y} in a garage.",
            "Invoice dated {d} {EN} {y}, payable in 30 days.");

    private final Random random;

    HardNegatives(Random random) {
        this.random = random;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Capitalised words that are not a person's name. */
    String notName() {
        return pick(NOT_NAMES);
    }

    /** Capitalised words that are not a person's name, from the list not used for tuning. */
    String notNameHeldOut() {
        return pick(NOT_NAMES_HELD_OUT);
    }

    /** A year or a quantity right before a city name. */
    String notPostcode() {
        String city = pick(CITIES);
        return switch (random.nextInt(3)) {
            case 0 -> "The " + (1950 + random.nextInt(80)) + " " + city + " " + pick(EVENTS) + " was a success.";
            case 1 -> "Since " + (1950 + random.nextInt(80)) + " " + city + " has changed a lot.";
            default -> "We printed " + (100 + random.nextInt(99_900)) + " " + city + " flyers for the fair.";
        };
    }

    /** A date with the month in words and no date-of-birth word (or one that is about something else). */
    String notDateOfBirth() {
        String[] months = {"March", "mars", "März", "marzo", "marzo", "maart"};
        String[] languages = {"EN", "FR", "DE", "ES", "IT", "NL"};
        String text = pick(DATES)
                .replace("{d}", String.valueOf(1 + random.nextInt(28)))
                .replace("{y}", String.valueOf(1990 + random.nextInt(40)));
        for (int k = 0; k < languages.length; k++) {
            text = text.replace("{" + languages[k] + "}", months[k]);
        }
        return text;
    }
}
