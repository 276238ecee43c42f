package dev.sovereign.classify.internal;

import java.util.Set;

/** The countries whose postcodes {@link PostcodeCities} reads, each with the shapes its postcodes are written in. */
enum PostalCountry {
    FR(Shape.FIVE),
    DE(Shape.FIVE),
    ES(Shape.FIVE),
    IT(Shape.FIVE),
    FI(Shape.FIVE),
    SE(Shape.FIVE, Shape.THREE_TWO),
    BE(Shape.FOUR),
    AT(Shape.FOUR),
    DK(Shape.FOUR),
    NL(Shape.FOUR_LETTERS),
    PL(Shape.TWO_THREE),
    PT(Shape.FOUR_THREE, Shape.FOUR),
    IE(Shape.EIRCODE);

    /** How a postcode is written: digit groups, and the letters of Dutch and Irish postcodes. */
    enum Shape {
        /** 75002, 10115, 00184, 00100, 11122. */
        FIVE(5),
        /** 1000, 1010, 2100; never a leading 0. */
        FOUR(4),
        /** 1012 AB, 1012AB. */
        FOUR_LETTERS(4),
        /** 111 22. */
        THREE_TWO(5),
        /** 00-950. */
        TWO_THREE(5),
        /** 1100-148. */
        FOUR_THREE(7),
        /** D02 X285, T12 AB34: a routing key and four chars. */
        EIRCODE(0);

        final int digits;

        Shape(int digits) {
            this.digits = digits;
        }
    }

    private final Set<Shape> shapes;

    PostalCountry(Shape... shapes) {
        this.shapes = Set.of(shapes);
    }

    boolean writes(Shape shape) {
        return shapes.contains(shape);
    }

    /** Whether {@code prefix} can start a postcode of this country: digits, or for IE the start of a routing key. */
    boolean validPrefix(String prefix) {
        if (this == IE) {
            return prefix.matches("[A-Z]([0-9][0-9W])?");
        }
        int digits = shapes.stream().mapToInt(s -> s.digits).max().orElse(0);
        return prefix.matches("[0-9]+") && prefix.length() < digits;
    }

    static PostalCountry named(String code) {
        for (PostalCountry country : values()) {
            if (country.name().equals(code)) {
                return country;
            }
        }
        return null;
    }
}
