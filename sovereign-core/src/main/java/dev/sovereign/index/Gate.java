package dev.sovereign.index;

/**
 * A condition that disqualifies a deployment for some organisations whatever its score, such as a
 * licence that grants EU companies no rights to a model.
 *
 * @param appliesTo the organisation domicile it applies to ({@code eu}, or {@code any})
 */
public record Gate(String id, String appliesTo, String reason, String source) {
    public boolean appliesTo(String domicile) {
        return appliesTo.equals("any") || appliesTo.equalsIgnoreCase(domicile);
    }
}
