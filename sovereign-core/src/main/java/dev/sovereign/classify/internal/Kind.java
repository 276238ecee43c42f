package dev.sovereign.classify.internal;

/**
 * Every built-in structural detector: its category, its short name, its confidence without and with supporting
 * context, and the context groups that support it. A confidence of 0 without context means the detector only reports
 * when context is present (numbers too generic to stand alone, such as a 9-digit BSN).
 */
public enum Kind {
    EMAIL("pii.email", "email", 0.95, 0.97, 0),
    PHONE_INTERNATIONAL("pii.phone", "libphonenumber", 0.9, 0.97, Context.PHONE.bit()),
    PHONE_NATIONAL("pii.phone", "libphonenumber", 0.6, 0.92, Context.PHONE.bit()),
    /** National format without a trunk prefix, grouped as its region writes numbers ({@code 21 23 45 67} in DK). */
    PHONE_GROUPED("pii.phone", "libphonenumber", 0.6, 0.92, Context.PHONE.bit()),
    PHONE_BARE("pii.phone", "libphonenumber", 0, 0.85, Context.PHONE.bit()),
    IPV4("pii.ip_address", "ipv4", 0.8, 0.95, Context.IP.bit()),
    IPV6("pii.ip_address", "ipv6", 0.85, 0.95, Context.IP.bit()),
    DATE_OF_BIRTH("pii.date_of_birth", "date+context", 0, 0.9, Context.DOB.bit()),
    PASSPORT("pii.passport", "passport+context", 0, 0.85, Context.PASSPORT.bit()),
    FR_NIR("pii.national_id.fr", "nir-key97", 0.95, 0.99, Context.FR_NIR.bit()),
    DE_TAX_ID("pii.tax_id.de", "steuer-idnr-iso7064", 0.8, 0.99, Context.DE_TAX.bit()),
    ES_DNI("pii.national_id.es", "dni-mod23", 0.9, 0.99, Context.ES_DNI.bit()),
    IT_CODICE_FISCALE("pii.national_id.it", "codice-fiscale", 0.97, 0.99, Context.IT_CF.bit()),
    NL_BSN("pii.national_id.nl", "bsn-11-proof", 0.4, 0.95, Context.NL_BSN.bit()),
    BE_NATIONAL_NUMBER("pii.national_id.be", "rrn-mod97", 0.85, 0.99, Context.BE_NN.bit()),
    /** A BIS number (month + 20 or + 40): a person's number, but not a register number: never above 0.5. */
    BE_BIS("pii.national_id.be", "bis-mod97", 0.45, 0.5, Context.BE_NN.bit()),
    PL_PESEL("pii.national_id.pl", "pesel", 0.75, 0.98, Context.PL_PESEL.bit()),
    SE_PERSONNUMMER("pii.national_id.se", "personnummer-luhn", 0.75, 0.98, Context.SE_PNR.bit()),
    DK_CPR("pii.national_id.dk", "cpr-date", 0.3, 0.9, Context.DK_CPR.bit()),
    FI_HETU("pii.national_id.fi", "hetu-mod31", 0.95, 0.99, Context.FI_HETU.bit()),
    PT_NIF("pii.tax_id.pt", "nif-mod11", 0.4, 0.95, Context.PT_NIF.bit()),
    AT_SVNR("pii.national_id.at", "svnr-mod11", 0.4, 0.95, Context.AT_SVNR.bit()),
    IE_PPSN("pii.national_id.ie", "ppsn-mod23", 0.85, 0.98, Context.IE_PPSN.bit()),
    GB_NINO("pii.national_id.gb", "nino", 0.75, 0.97, Context.GB_NINO.bit()),
    GB_NHS("pii.health_insurance.gb", "nhs-mod11", 0.4, 0.97, Context.GB_NHS.bit()),
    US_SSN("pii.national_id.us", "ssn", 0.45, 0.95, Context.US_SSN.bit()),
    US_ITIN("pii.tax_id.us", "itin", 0.45, 0.95, Context.US_ITIN.bit()),
    CARD("financial.card_number", "luhn-iin", 0.85, 0.98, Context.CARD.bit()),
    /** A UnionPay number without a right Luhn digit (not every UnionPay card has one): never above 0.5. */
    CARD_UNCHECKED("financial.card_number", "iin-unionpay", 0, 0.5, Context.CARD.bit()),
    IBAN("financial.iban", "iban-mod97", 0.99, 0.99, Context.BANK.bit()),
    BIC("financial.bic", "bic", 0.3, 0.9, Context.BANK.bit()),
    VAT_CHECKED("financial.vat_id", "vat-check-digits", 0.9, 0.99, Context.VAT.bit()),
    VAT_STRUCTURE("financial.vat_id", "vat-structure", 0.45, 0.5, Context.VAT.bit()),
    AWS_ACCESS_KEY("secret.aws_access_key", "aws-key-id", 0.95, 0.99, 0),
    AWS_SECRET_KEY("secret.aws_secret_key", "aws-secret+context", 0, 0.9, Context.AWS_SECRET.bit()),
    GITHUB_TOKEN("secret.api_key.github", "github-token", 0.97, 0.99, 0),
    GITLAB_TOKEN("secret.api_key.gitlab", "gitlab-token", 0.97, 0.99, 0),
    SLACK_TOKEN("secret.api_key.slack", "slack-token", 0.95, 0.99, 0),
    STRIPE_KEY("secret.api_key.stripe", "stripe-key", 0.97, 0.99, 0),
    GOOGLE_API_KEY("secret.api_key.google", "google-api-key", 0.95, 0.99, 0),
    ANTHROPIC_KEY("secret.api_key.anthropic", "anthropic-key", 0.99, 0.99, 0),
    OPENAI_KEY("secret.api_key.openai", "openai-key", 0.95, 0.99, 0),
    PRIVATE_KEY("secret.private_key", "pem-private-key", 0.99, 0.99, 0),
    JWT("secret.jwt", "jwt", 0.95, 0.99, 0),
    CONNECTION_STRING("secret.connection_string", "url-credentials", 0.95, 0.99, 0),
    PASSWORD("secret.password", "password-assignment", 0.8, 0.8, 0),
    PERSON_NAME("pii.person_name", "names", 0.6, 0.85, 0),
    POSTAL_ADDRESS("pii.postal_address", "address", 0.75, 0.9, 0),
    POSTCODE_CITY("pii.postal_address", "postcode+city", 0.7, 0.9, Context.ADDRESS.bit());

    public final String category;
    public final String detector;
    public final double base;
    public final double withContext;
    public final int context;

    Kind(String category, String detector, double base, double withContext, int context) {
        this.category = category;
        this.detector = detector;
        this.base = base;
        this.withContext = withContext;
        this.context = context;
    }
}
