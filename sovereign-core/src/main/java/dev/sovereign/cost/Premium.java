package dev.sovereign.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A multiplier a provider publishes for some endpoints of some models (for example 10% more on a regional
 * endpoint than on the global one), for the period it held.
 */
public record Premium(
        String id,
        List<String> profiles,
        List<String> models,
        BigDecimal factor,
        LocalDate from,
        LocalDate to,
        String source,
        LocalDate checked,
        boolean uncertain,
        String note,
        String file) {

    public Premium {
        profiles = List.copyOf(profiles);
        models = List.copyOf(models);
    }

    public boolean matches(String profileId, String model, LocalDate date) {
        return profiles.contains(profileId) && ModelGlob.anyMatch(models, model) && ModelGlob.within(date, from, to);
    }
}
