package dev.sovereign.residency.internal;

/** The provisions and the guidance findings rest on, cited as they are. */
public final class Articles {
    public static final String ART_3 = "GDPR Art. 3";
    public static final String ART_3_2 = "GDPR Art. 3(2)";
    public static final String ART_4_5 = "GDPR Art. 4(5) and Recital 26 (pseudonymised data is personal data)";
    public static final String ART_9 = "GDPR Art. 9(1)";
    public static final String ART_9_2 = "GDPR Art. 9(2)";
    public static final String ART_25 = "GDPR Art. 25(1)";
    public static final String ART_27 = "GDPR Art. 27";
    public static final String ART_28_1 = "GDPR Art. 28(1)";
    public static final String ART_28_2_4 = "GDPR Art. 28(2) and (4)";
    public static final String ART_28_3_A = "GDPR Art. 28(3)(a)";
    public static final String ART_30 = "GDPR Art. 30(1)";
    public static final String ART_32 = "GDPR Art. 32";
    public static final String ART_35 = "GDPR Art. 35(3)(b)";
    public static final String ART_44 = "GDPR Art. 44";
    public static final String ART_45 = "GDPR Art. 45";
    public static final String DPF = "Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)";
    public static final String ART_46_SCC = "GDPR Art. 46(2)(c)";
    public static final String ART_46_BCR = "GDPR Art. 46(2)(b) and Art. 47";
    public static final String SCC_DECISION =
            "Commission Implementing Decision (EU) 2021/914 (standard contractual clauses)";
    public static final String SCC_RECITAL_7 = "Commission Implementing Decision (EU) 2021/914, recital 7";
    public static final String EDPB_TIA = "EDPB Recommendations 01/2020 (supplementary measures)";
    public static final String EDPB_PSEUDONYMISED = "EDPB Recommendations 01/2020, Annex 2, use case 2";
    public static final String EDPB_TRANSFER = "EDPB Guidelines 05/2021 (what is a transfer)";
    public static final String EDPB_TRANSFER_CRITERIA = "EDPB Guidelines 05/2021, para. 9 (the three criteria)";
    public static final String EDPB_THIRD_COUNTRY_LAW =
            "EDPB Guidelines 05/2021, section 3 (processing in the EEA by an entity subject to third-country law)";
    public static final String ART_49 = "GDPR Art. 49";
    public static final String DATA_ACT_32 =
            "Regulation (EU) 2023/2854 (Data Act) Art. 32 (third-country access to non-personal data)";
    public static final String EDPB_DEROGATIONS = "EDPB Guidelines 2/2018 (Art. 49 derogations)";

    private Articles() {}
}
