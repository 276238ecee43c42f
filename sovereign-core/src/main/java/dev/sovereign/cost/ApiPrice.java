package dev.sovereign.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A published per-token price of some models on some deployments (sovereignty profiles), in USD per million
 * tokens, for the period it held (both ends inclusive, {@code null} for open).
 *
 * @param models globs on the model id ({@code *} any characters, {@code ?} one; case-insensitive)
 * @param cachedInput input read from a prompt cache, or {@code null} when not published
 * @param cacheWrite input written to a prompt cache, or {@code null} when not published
 * @param file where the entry was read, for messages
 */
public record ApiPrice(
        String id,
        List<String> profiles,
        List<String> models,
        BigDecimal input,
        BigDecimal output,
        BigDecimal cachedInput,
        BigDecimal cacheWrite,
        LocalDate from,
        LocalDate to,
        String source,
        LocalDate checked,
        boolean uncertain,
        String note,
        String file) {

    public ApiPrice {
        profiles = List.copyOf(profiles);
        models = List.copyOf(models);
    }

    public boolean validOn(LocalDate date) {
        return ModelGlob.within(date, from, to);
    }

    /** Whether this price is for {@code profileId} and {@code model} on {@code date}. */
    public boolean matches(String profileId, String model, LocalDate date) {
        return profiles.contains(profileId) && ModelGlob.anyMatch(models, model) && validOn(date);
    }
}
