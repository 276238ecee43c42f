package dev.sovereign.residency.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adequacy decisions of the Commission under GDPR Art. 45(3) (and those under Directive 95/46/EC that Art. 45(9)
 * keeps in force), by country, with the date each was adopted and its scope where it is partial. The list is the
 * Commission's: https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en
 *
 * <p>Two decisions cover only part of a country: Canada's covers commercial organisations subject to PIPEDA, and the
 * United States' covers only organisations certified under the EU-US Data Privacy Framework (so a US importer without
 * the certification is in a third country without adequacy). Immutable.
 */
public final class Adequacy {

    /**
     * One decision.
     *
     * @param instrument how it is cited
     * @param adopted the day it was adopted; a transfer before it had no adequacy
     * @param scope what it covers when it does not cover the whole country, else {@code null}
     */
    public record Decision(String country, String instrument, LocalDate adopted, String scope) {
        /** The decision in words, for findings: "gb: Commission Implementing Decision … of 19 December 2025". */
        public String cite() {
            return instrument + (scope == null ? "" : " (" + scope + ")");
        }
    }

    /** The countries' decisions; the United Kingdom's is the renewal of 19 December 2025. */
    private static final Map<String, Decision> DECISIONS = Map.ofEntries(
            decision("ad", "Commission Decision 2010/625/EU of 19 October 2010 (Andorra)", "2010-10-19", null),
            decision("ar", "Commission Decision 2003/490/EC of 30 June 2003 (Argentina)", "2003-06-30", null),
            decision(
                    "br",
                    "Commission Implementing Decision (EU) 2026/179 of 26 January 2026 (Brazil)",
                    "2026-01-26",
                    null),
            decision(
                    "ca",
                    "Commission Decision 2002/2/EC of 20 December 2001 (Canada)",
                    "2001-12-20",
                    "commercial organisations subject to PIPEDA only"),
            decision("ch", "Commission Decision 2000/518/EC of 26 July 2000 (Switzerland)", "2000-07-26", null),
            decision("fo", "Commission Decision 2010/146/EU of 5 March 2010 (Faroe Islands)", "2010-03-05", null),
            decision(
                    "gb",
                    "Commission Implementing Decision of 19 December 2025 renewing Decision (EU) 2021/1772 (United"
                            + " Kingdom), in force until 27 December 2031",
                    "2021-06-28",
                    null),
            decision("gg", "Commission Decision 2003/821/EC of 21 November 2003 (Guernsey)", "2003-11-21", null),
            decision("il", "Commission Decision 2011/61/EU of 31 January 2011 (Israel)", "2011-01-31", null),
            decision("im", "Commission Decision 2004/411/EC of 28 April 2004 (Isle of Man)", "2004-04-28", null),
            decision("je", "Commission Decision 2008/393/EC of 8 May 2008 (Jersey)", "2008-05-08", null),
            decision(
                    "jp",
                    "Commission Implementing Decision (EU) 2019/419 of 23 January 2019 (Japan)",
                    "2019-01-23",
                    "personal information subject to the APPI and its Supplementary Rules"),
            decision(
                    "kr",
                    "Commission Implementing Decision (EU) 2022/254 of 17 December 2021 (Republic of Korea)",
                    "2021-12-17",
                    null),
            decision(
                    "nz",
                    "Commission Implementing Decision 2013/65/EU of 19 December 2012 (New Zealand)",
                    "2012-12-19",
                    null),
            decision(
                    "us",
                    "Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 (EU-US Data Privacy Framework)",
                    "2023-07-10",
                    "organisations certified under the EU-US Data Privacy Framework only"),
            decision(
                    "uy",
                    "Commission Implementing Decision 2012/484/EU of 21 August 2012 (Uruguay)",
                    "2012-08-21",
                    null));

    /** The Commission's page listing the decisions in force. */
    public static final String SOURCE =
            "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en";

    private Adequacy() {}

    private static Map.Entry<String, Decision> decision(
            String country, String instrument, String adopted, String scope) {
        return Map.entry(country, new Decision(country, instrument, LocalDate.parse(adopted), scope));
    }

    /** The decision in force for {@code country} on {@code asOf}, if any (the US one only helps certified importers). */
    public static Optional<Decision> of(String country, LocalDate asOf) {
        Decision d = DECISIONS.get(country);
        return d == null || d.adopted().isAfter(asOf) ? Optional.empty() : Optional.of(d);
    }

    /** The countries with a decision, sorted. */
    public static List<String> countries() {
        return DECISIONS.keySet().stream().sorted().toList();
    }
}
