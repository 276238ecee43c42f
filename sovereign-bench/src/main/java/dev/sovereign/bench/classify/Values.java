package dev.sovereign.bench.classify;

import java.util.Random;

/** Random valid identifiers (check digits computed), and their corrupted twins for hard negatives. */
final class Values {
    private final Random random;

    Values(Random random) {
        this.random = random;
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    private int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    private static String two(int v) {
        return String.format("%02d", v);
    }

    private String date6() { // DDMMYY
        return two(between(1, 28)) + two(between(1, 12)) + two(between(0, 99));
    }

    static int luhnCheck(String body) {
        int sum = 0;
        boolean dbl = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int v = body.charAt(i) - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    static int mod97(String digitsAndLetters) {
        int r = 0;
        for (char c : digitsAndLetters.toCharArray()) {
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
        }
        return r;
    }

    static int iso7064(String d) {
        int product = 10;
        for (char c : d.toCharArray()) {
            int sum = (c - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = sum * 2 % 11;
        }
        int check = 11 - product;
        return check == 10 ? 0 : check;
    }

    /** Changes the last char so that a single check digit or letter no longer matches. */
    static String corrupt(String value) {
        int k = value.length() - 1;
        while (!Character.isLetterOrDigit(value.charAt(k))) {
            k--;
        }
        char c = value.charAt(k);
        char replaced = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : (c == 'Z' ? 'A' : (char) (c + 1));
        return value.substring(0, k) + replaced + value.substring(k + 1);
    }

    String frNir() {
        String body = between(1, 2)
                + two(between(40, 99))
                + two(between(1, 12))
                + two(between(1, 95))
                + digits(3)
                + digits(3);
        String key = two(97 - (int) (Long.parseLong(body) % 97));
        String all = body + key;
        return random.nextBoolean()
                ? all
                : all.charAt(0) + " " + all.substring(1, 3) + " " + all.substring(3, 5) + " " + all.substring(5, 7)
                        + " " + all.substring(7, 10) + " " + all.substring(10, 13) + " " + all.substring(13);
    }

    /**
     * A NIR of a person born in Corsica: department 2A or 2B, key computed on the number with 2A read as 19 and 2B as
     * 18 (INSEE); written with spaces or without.
     */
    String frNirCorsica() {
        String department = random.nextBoolean() ? "2A" : "2B";
        String head = between(1, 2) + two(between(40, 99)) + two(between(1, 12));
        String tail = String.format("%03d", between(1, 366)) + digits(3);
        long numeric = Long.parseLong(head + (department.equals("2A") ? "19" : "18") + tail);
        String key = two(97 - (int) (numeric % 97));
        String all = head + department + tail + key;
        return random.nextBoolean()
                ? all
                : all.charAt(0) + " " + all.substring(1, 3) + " " + all.substring(3, 5) + " " + all.substring(5, 7)
                        + " " + all.substring(7, 10) + " " + all.substring(10, 13) + " " + all.substring(13);
    }

    String deTaxId() {
        while (true) {
            StringBuilder b = new StringBuilder();
            java.util.List<Integer> pool = new java.util.ArrayList<>(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            java.util.Collections.shuffle(pool, random);
            int repeated = pool.get(0);
            java.util.List<Integer> ten = new java.util.ArrayList<>(pool.subList(0, 9));
            ten.add(repeated);
            java.util.Collections.shuffle(ten, random);
            if (ten.get(0) == 0) {
                continue;
            }
            ten.forEach(b::append);
            return b.toString() + iso7064(b.toString());
        }
    }

    String esDni() {
        int n = between(10_000_000, 99_999_999);
        return n + String.valueOf("TRWAGMYFPDXBNJZSQVHLCKE".charAt(n % 23));
    }

    String esNie() {
        int lead = random.nextInt(3);
        int n = between(1_000_000, 9_999_999);
        return "XYZ".charAt(lead) + String.valueOf(n) + "TRWAGMYFPDXBNJZSQVHLCKE".charAt((lead * 10_000_000 + n) % 23);
    }

    String itCodiceFiscale() {
        int[] odd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append((char) ('A' + random.nextInt(26)));
        }
        b.append(two(between(40, 99)));
        int month = random.nextInt(12);
        b.append("ABCDEHLMPRST".charAt(month));
        // a birth day that exists in that month, plus 40 for women: same draw as before, folded into the month
        int drawn = between(1, 71);
        int length = new int[] {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month];
        int day = (drawn - 1) % length + 1 + (drawn > 40 ? 40 : 0);
        b.append(two(day)).append((char) ('A' + random.nextInt(26))).append(digits(3));
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = b.charAt(i);
            int index = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? odd[index] : index;
        }
        return b.append((char) ('A' + sum % 26)).toString();
    }

    String nlBsn() {
        while (true) {
            String d = between(1, 9) + digits(8);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (d.charAt(i) - '0');
            }
            if ((sum - (d.charAt(8) - '0')) % 11 == 0) {
                return d;
            }
        }
    }

    String beNationalNumber() {
        String body = two(between(40, 99)) + two(between(1, 12)) + two(between(1, 28)) + digits(3);
        String check = two(97 - (int) (Long.parseLong(body) % 97));
        String all = body + check;
        return all.substring(0, 2) + "." + all.substring(2, 4) + "." + all.substring(4, 6) + "-" + all.substring(6, 9)
                + "." + all.substring(9);
    }

    String plPesel() {
        String body = two(between(40, 99)) + two(between(1, 12)) + two(between(1, 28)) + digits(4);
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += w[i] * (body.charAt(i) - '0');
        }
        return body + (10 - sum % 10) % 10;
    }

    String sePersonnummer() {
        String body = two(between(40, 99)) + two(between(1, 12)) + two(between(1, 28)) + digits(3);
        return body.substring(0, 6) + "-" + body.substring(6) + luhnCheck(body);
    }

    /**
     * The first serial digit gives the century (0-3 the 1900s, 4 and 9 the 2000s up to year 36, 5-8 the 2000s up to
     * year 57): one that would put the birth after 2025 is taken modulo 4, a birth in the 1900s.
     */
    String dkCpr() {
        String d = date6();
        String serial = digits(4);
        int yy = Integer.parseInt(d.substring(4));
        int first = serial.charAt(0) - '0';
        boolean future = (first == 4 || first == 9) ? yy > 25 && yy <= 36 : first >= 5 && yy > 25 && yy <= 57;
        return d + "-" + (future ? first % 4 + serial.substring(1) : serial);
    }

    String fiHetu() {
        String d = date6();
        String serial = String.format("%03d", between(2, 899));
        int value = Integer.parseInt(d + serial);
        return d + (random.nextBoolean() ? "-" : "A") + serial + "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(value % 31);
    }

    String ptNif() {
        while (true) {
            String d = between(1, 2) + digits(7);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (d.charAt(i) - '0');
            }
            int check = 11 - sum % 11;
            return d + (check >= 10 ? 0 : check);
        }
    }

    String atSvnr() {
        int[] w = {3, 7, 9, 0, 5, 8, 4, 2, 1, 6};
        while (true) {
            String d = between(1, 9) + digits(2) + "0" + date6();
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += w[i] * (d.charAt(i) - '0');
            }
            if (sum % 11 != 10) {
                return d.substring(0, 3) + (sum % 11) + " " + d.substring(4);
            }
        }
    }

    String iePpsn() {
        String d = digits(7);
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * (d.charAt(i) - '0');
        }
        return d + "WABCDEFGHIJKLMNOPQRSTUV".charAt(sum % 23);
    }

    String gbNino() {
        String first = "ABCEGHJKLMNOPRSTWXYZ";
        String second = "ABCEGHJKLMNPRSTWXYZ";
        String prefix;
        do {
            prefix = "" + first.charAt(random.nextInt(first.length())) + second.charAt(random.nextInt(second.length()));
        } while ("BG GB NK KN TN NT ZZ".contains(prefix));
        String d = digits(6);
        char suffix = "ABCD".charAt(random.nextInt(4));
        return random.nextBoolean()
                ? prefix + d + suffix
                : prefix + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " " + suffix;
    }

    String gbNhs() {
        while (true) {
            String d = between(4, 9) + digits(8);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (10 - i) * (d.charAt(i) - '0');
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                String all = d + check;
                return all.substring(0, 3) + " " + all.substring(3, 6) + " " + all.substring(6);
            }
        }
    }

    String usSsn() {
        int area;
        do {
            area = between(1, 899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, between(1, 99), between(1, 9999));
    }

    String usItin() {
        int[] groups = {50, 55, 60, 65, 70, 75, 80, 88, 90, 92, 94, 99};
        return String.format(
                "9%02d-%02d-%04d", between(0, 99), groups[random.nextInt(groups.length)], between(1, 9999));
    }

    String card() {
        String[] prefixes = {"4", "51", "52", "53", "54", "55", "2221", "37"};
        String prefix = prefixes[random.nextInt(prefixes.length)];
        int length = prefix.equals("37") ? 15 : 16;
        String body = prefix + digits(length - 1 - prefix.length());
        String all = body + luhnCheck(body);
        if (length == 15) {
            return random.nextBoolean()
                    ? all
                    : all.substring(0, 4) + " " + all.substring(4, 10) + " " + all.substring(10);
        }
        return random.nextBoolean()
                ? all
                : all.substring(0, 4) + " " + all.substring(4, 8) + " " + all.substring(8, 12) + " "
                        + all.substring(12);
    }

    String iban() {
        String[][] shapes = {{"DE", "18"}, {"FR", "23"}, {"ES", "20"}, {"IT", "IT"}, {"NL", "NL"}, {"BE", "12"}};
        String[] shape = shapes[random.nextInt(shapes.length)];
        String country = shape[0];
        String bban = switch (shape[1]) {
            case "IT" -> (char) ('A' + random.nextInt(26)) + digits(22);
            case "NL" -> "ABNA" + digits(10);
            default -> digits(Integer.parseInt(shape[1]));
        };
        int check = 98 - mod97(bban + country + "00");
        String iban = country + two(check) + bban;
        if (random.nextBoolean()) {
            return iban;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            b.append(i > 0 ? " " : "").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return b.toString();
    }

    String vat() {
        return switch (random.nextInt(4)) {
            case 0 -> {
                String siren = between(1, 9) + digits(8);
                yield "FR" + two((int) ((12 + 3 * (Long.parseLong(siren) % 97)) % 97)) + siren;
            }
            case 1 -> {
                String d = between(1, 9) + digits(7);
                yield "DE" + d + iso7064(d);
            }
            case 2 -> {
                String d = digits(10);
                yield "IT" + d + luhnCheck(d);
            }
            default -> "NL" + nlBsn() + "B0" + between(1, 9);
        };
    }

    String email(String first, String last) {
        String[] domains = {"example.com", "mail.fr", "web.de", "correo.es", "posta.it", "bedrijf.nl", "corp.eu"};
        return (first + "." + last).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z.]", "")
                + (random.nextBoolean() ? "" : String.valueOf(between(1, 99))) + "@"
                + domains[random.nextInt(domains.length)];
    }

    String ipv4() {
        return between(11, 223) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
    }

    String ipv6() {
        return String.format(
                "2001:db8:%x:%x::%x:%x",
                random.nextInt(65536), random.nextInt(65536), random.nextInt(65536), random.nextInt(65536));
    }

    private String alnum(int n, String alphabet) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    String awsKeyId() {
        return "AKIA" + alnum(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    }

    String githubToken() {
        return "ghp_" + alnum(36, ALNUM);
    }

    String stripeKey() {
        return "sk_live_" + alnum(24, ALNUM);
    }

    String jwt() {
        return "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI" + alnum(20, ALNUM) + "." + alnum(43, ALNUM + "_-");
    }

    String password() {
        return alnum(6, ALNUM) + "#" + alnum(5, ALNUM) + between(10, 99);
    }

    String hex(int n) {
        return alnum(n, "0123456789abcdef");
    }

    String uuid() {
        return java.util
                .UUID
                .nameUUIDFromBytes(digits(12).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .toString();
    }

    String orderNumber() {
        return digits(between(6, 12));
    }
}
