package dev.sovereign.bench.classify;

import java.util.List;
import java.util.Random;

/**
 * Dates of birth with the month written in words, after a date-of-birth word of the same language, in the forms people
 * write them: "3 March 1990", "March 3rd, 1990", "1er mai 1985", "12. Mai 1985", "12 de mayo de 1985", "7 maggio 1962",
 * "21 maart 1979".
 */
final class DatesOfBirth {
    private static final List<List<String>> MONTHS = List.of(
            List.of(
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December"),
            List.of(
                    "janvier",
                    "février",
                    "mars",
                    "avril",
                    "mai",
                    "juin",
                    "juillet",
                    "août",
                    "septembre",
                    "octobre",
                    "novembre",
                    "décembre"),
            List.of(
                    "Januar",
                    "Februar",
                    "März",
                    "April",
                    "Mai",
                    "Juni",
                    "Juli",
                    "August",
                    "September",
                    "Oktober",
                    "November",
                    "Dezember"),
            List.of(
                    "enero",
                    "febrero",
                    "marzo",
                    "abril",
                    "mayo",
                    "junio",
                    "julio",
                    "agosto",
                    "septiembre",
                    "octubre",
                    "noviembre",
                    "diciembre"),
            List.of(
                    "gennaio",
                    "febbraio",
                    "marzo",
                    "aprile",
                    "maggio",
                    "giugno",
                    "luglio",
                    "agosto",
                    "settembre",
                    "ottobre",
                    "novembre",
                    "dicembre"),
            List.of(
                    "januari",
                    "februari",
                    "maart",
                    "april",
                    "mei",
                    "juni",
                    "juli",
                    "augustus",
                    "september",
                    "oktober",
                    "november",
                    "december"));

    private static final List<List<String>> TEMPLATES = List.of(
            List.of(
                    "I was born on {}.",
                    "Date of birth: {}",
                    "DOB {}, checked at the desk.",
                    "She was born {} in Leeds."),
            List.of("Je suis née le {} à Lyon.", "Date de naissance : {}", "Il est né le {}, à Nantes."),
            List.of("Geboren am {} in Köln.", "Geburtsdatum: {}", "Sie ist am {} geboren."),
            List.of("Fecha de nacimiento: {}", "Nacida el {} en Sevilla.", "Nacido el {}."),
            List.of("Nato il {} a Roma.", "Data di nascita: {}", "È nata il {} a Bari."),
            List.of("Geboren op {} te Delft.", "Geboortedatum: {}", "Zij is geboren op {}."));

    /** The languages in the order of {@link #MONTHS}. */
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "nl");

    private final Random random;

    DatesOfBirth(Random random) {
        this.random = random;
    }

    /** A template with a date-of-birth word and a date written as people of {@code language} write it. */
    String[] sample(int language) {
        List<String> templates = TEMPLATES.get(language);
        String template = templates.get(random.nextInt(templates.size()));
        int month = random.nextInt(12);
        int day = 1 + random.nextInt(month == 1 ? 28 : 30);
        int year = 1930 + random.nextInt(80);
        String name = MONTHS.get(language).get(month);
        String date = switch (language) {
            case 0 -> english(day, name, year);
            case 1 -> (day == 1 ? "1er" : String.valueOf(day)) + " " + name + " " + year;
            case 2 -> day + ". " + name + " " + year;
            case 3 -> day + " de " + name + " de " + year;
            default -> day + " " + name + " " + year;
        };
        return new String[] {template, date};
    }

    private String english(int day, String month, int year) {
        String ordinal = day
                + (day % 10 == 1 && day != 11
                        ? "st"
                        : day % 10 == 2 && day != 12 ? "nd" : day % 10 == 3 && day != 13 ? "rd" : "th");
        return switch (random.nextInt(5)) {
            case 0 -> day + " " + month + " " + year;
            case 1 -> month + " " + day + ", " + year;
            case 2 -> ordinal + " " + month + " " + year;
            case 3 -> month + " " + ordinal + ", " + year;
            default -> day + " " + (month.length() <= 4 ? month : month.substring(0, 3) + ".") + " " + year;
        };
    }
}
