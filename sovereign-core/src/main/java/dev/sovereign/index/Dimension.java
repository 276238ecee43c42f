package dev.sovereign.index;

/** The four dimensions of the Enterprise AI Sovereignty Index, with their ids in files and JSON. */
public enum Dimension {
    JURISDICTION("jurisdiction", "Data jurisdiction control"),
    LOCK_IN("lock_in", "Vendor lock-in risk"),
    INFRASTRUCTURE("infrastructure", "Infrastructure independence"),
    COMPLIANCE("compliance", "Regulatory compliance posture");

    private final String id;
    private final String title;

    Dimension(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static Dimension fromId(String id) {
        for (Dimension d : values()) {
            if (d.id.equals(id)) return d;
        }
        throw new IllegalArgumentException(
                "unknown dimension '" + id + "' (jurisdiction, lock_in, infrastructure, compliance)");
    }
}
