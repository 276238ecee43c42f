package dev.sovereign.bench.classify;

import java.util.List;
import java.util.Random;

/**
 * A postcode followed by its city, with no street, in the format of each country of the detector's city list: "75002
 * Paris", "10115 Berlin", "1012 AB Amsterdam", "00-950 Warszawa", "111 22 Stockholm", "1050 København K", "1100-148
 * Lisboa", "D02 X285 Dublin". Postcodes are drawn within the city's leading digits, so they have the right shape and
 * region but are not all real; the templates are in the country's language, half of them without an address word.
 */
final class PostcodeCities {
    private static final String EIRCODE = "0123456789ACDEFHKNPRTVWXY";

    private final Random random;

    PostcodeCities(Random random) {
        this.random = random;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    private String two(int low, int high) {
        return String.format("%02d", low + random.nextInt(high - low + 1));
    }

    /** A template and a postcode with its city. */
    String[] sample() {
        return switch (random.nextInt(13)) {
            case 0 ->
                of(
                        List.of("Adresse : {}", "Envoyez le colis à {} svp.", "Je déménage à {} en juin."),
                        pick(List.of(
                                "75" + "0" + two(1, 20) + " Paris",
                                "69" + "00" + random.nextInt(10) + " Lyon",
                                "13" + "0" + two(1, 16) + " Marseille",
                                "31" + digits(3) + " Toulouse",
                                "33" + "000 Bordeaux",
                                "59" + digits(3) + " LILLE")));
            case 1 ->
                of(
                        List.of("Anschrift: {}", "Lieferung nach {} bitte.", "Wir ziehen nach {} um."),
                        pick(List.of(
                                pick(List.of("10", "12", "13")) + digits(3) + " Berlin",
                                "20" + digits(3) + " Hamburg",
                                "80" + digits(3) + " München",
                                "50" + digits(3) + " Köln",
                                "60" + digits(3) + " Frankfurt am Main",
                                "04" + digits(3) + " Leipzig")));
            case 2 ->
                of(
                        List.of("Dirección: {}", "Envíelo a {}, por favor.", "La oficina está en {}."),
                        pick(List.of(
                                "280" + two(1, 55) + " Madrid",
                                "080" + two(1, 42) + " Barcelona",
                                "460" + two(1, 26) + " Valencia",
                                "410" + two(1, 20) + " Sevilla",
                                "480" + two(1, 15) + " Bilbao")));
            case 3 ->
                of(
                        List.of("Indirizzo: {}", "Spedire a {} entro lunedì.", "L'ufficio è a {}."),
                        pick(List.of(
                                "001" + two(18, 99) + " Roma",
                                "201" + two(21, 62) + " Milano",
                                "801" + two(21, 47) + " Napoli",
                                "101" + two(21, 56) + " Torino",
                                "501" + two(21, 45) + " Firenze")));
            case 4 -> {
                int city = random.nextInt(5);
                String code = List.of("10", "30", "35", "25", "56").get(city)
                        + digits(2)
                        + (random.nextBoolean() ? " " : "")
                        + letter()
                        + letter();
                yield of(
                        List.of("Woonplaats: {}", "Stuur het naar {} graag.", "Het kantoor zit in {}."),
                        code + " "
                                + List.of("Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven")
                                        .get(city));
            }
            case 5 ->
                of(
                        List.of("Adresse : {}", "Adres: {}", "Envoyer à {} svp."),
                        pick(List.of(
                                "10" + random.nextInt(10) + "0 Bruxelles",
                                "9000 Gent",
                                "4000 Liège",
                                "6000 Charleroi",
                                "3000 Leuven",
                                "8000 Brugge")));
            case 6 ->
                of(
                        List.of("Anschrift: {}", "Lieferung nach {} bitte."),
                        pick(List.of(
                                "1" + two(1, 23) + "0 Wien",
                                "80" + two(10, 55) + " Graz",
                                "4020 Linz",
                                "5020 Salzburg",
                                "6020 Innsbruck")));
            case 7 ->
                of(
                        List.of("Adres: {}", "Wyślij do {}, proszę."),
                        pick(List.of(
                                "0" + random.nextInt(5) + "-" + digits(3) + " Warszawa",
                                "3" + random.nextInt(2) + "-" + digits(3) + " Kraków",
                                "9" + random.nextInt(5) + "-" + digits(3) + " Łódź",
                                "5" + random.nextInt(5) + "-" + digits(3) + " Wrocław",
                                "80-" + digits(3) + " Gdańsk")));
            case 8 ->
                of(
                        List.of("Adress: {}", "Skicka det till {}."),
                        pick(List.of(
                                "1" + (1 + random.nextInt(2)) + digits(1) + " " + digits(2) + " Stockholm",
                                "41" + digits(1) + " " + digits(2) + " Göteborg",
                                "21" + digits(1) + " " + digits(2) + " Malmö",
                                "75" + digits(3) + " Uppsala")));
            case 9 ->
                of(
                        List.of("Adresse: {}", "Send det til {}."),
                        pick(List.of(
                                "1" + random.nextInt(5) + digits(2) + " København K",
                                "8000 Aarhus C",
                                "5000 Odense C",
                                "9000 Aalborg")));
            case 10 ->
                of(
                        List.of("Osoite: {}", "Toimitus: {}"),
                        pick(List.of(
                                "00" + (1 + random.nextInt(9)) + digits(1) + "0 Helsinki",
                                "33" + digits(2) + "0 Tampere",
                                "20" + digits(2) + "0 Turku",
                                "90" + digits(2) + "0 Oulu")));
            case 11 ->
                of(
                        List.of("Morada: {}", "Enviar para {}, por favor."),
                        pick(List.of(
                                "1" + digits(3) + "-" + digits(3) + " Lisboa",
                                "4" + random.nextInt(4) + digits(2) + "-" + digits(3) + " Porto",
                                "47" + digits(2) + "-" + digits(3) + " Braga",
                                "30" + digits(2) + "-" + digits(3) + " Coimbra")));
            default ->
                of(
                        List.of("Address: {}", "Post it to {} please."),
                        pick(List.of(
                                "D" + two(1, 18) + " " + eircode() + " Dublin",
                                "Cork, T12 " + eircode(),
                                "V94 " + eircode() + " Limerick",
                                "Galway H91 " + eircode())));
        };
    }

    private String[] of(List<String> templates, String value) {
        return new String[] {pick(templates), value};
    }

    private char letter() {
        return "ABCDEFGHJKLMNPRTVWXZ".charAt(random.nextInt(20));
    }

    private String eircode() {
        StringBuilder b = new StringBuilder(4);
        for (int k = 0; k < 4; k++) {
            b.append(EIRCODE.charAt(random.nextInt(EIRCODE.length())));
        }
        return b.toString();
    }
}
