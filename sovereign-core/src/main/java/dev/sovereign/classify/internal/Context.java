package dev.sovereign.classify.internal;

import java.util.Locale;

/**
 * Context groups: families of words ("BSN", "burgerservicenummer", "sofinummer") whose presence near a candidate raises
 * its confidence. Each group is one bit, so a word can serve several groups and a candidate can accept several. The
 * {@link #NEGATIVE} group ("order", "invoice", "version"...) lowers the confidence of a number it precedes.
 */
public enum Context {
    PHONE,
    DOB,
    PASSPORT,
    FR_NIR,
    DE_TAX,
    ES_DNI,
    IT_CF,
    NL_BSN,
    BE_NN,
    PL_PESEL,
    SE_PNR,
    DK_CPR,
    FI_HETU,
    PT_NIF,
    AT_SVNR,
    IE_PPSN,
    GB_NINO,
    GB_NHS,
    US_SSN,
    US_ITIN,
    CARD,
    BANK,
    VAT,
    AWS_SECRET,
    IP,
    ADDRESS,
    NEGATIVE;

    /** This group's bit. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The group named in a dictionary file ({@code nl_bsn}, {@code phone}...), or null. */
    public static Context named(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
