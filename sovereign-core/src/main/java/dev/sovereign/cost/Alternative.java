package dev.sovereign.cost;

import java.util.List;

/**
 * One option the same traffic could have gone to, with what it costs per million tokens and how sovereign it is:
 * an API price on one deployment, or a self-hosted offer.
 *
 * @param id {@code <profile>/<price id>} for an API price, the offer's id for a self-hosted one
 * @param kind {@code api} or {@code self_hosted}
 * @param model a model the price covers (API), or the model class the throughput was assumed for (self-hosted)
 * @param rate the cost per million tokens, or {@code null} when the offer has no published price
 * @param jurisdiction the profile's jurisdiction ({@code dev.sovereign.index.Jurisdiction}) on the report date
 * @param sovereigntyIndex the profile's index total on the report date, or {@code null} when no such profile
 * @param offer the self-hosted offer, or {@code null}
 * @param priceCaveat what must be said with the price, or {@code null}: that a self-hosted offer is priced in a
 *     region outside the one its profile runs it in, or that it has no public price and needs the operator's quote
 */
public record Alternative(
        String id,
        String kind,
        String profile,
        String model,
        String name,
        Rate rate,
        String jurisdiction,
        Long sovereigntyIndex,
        Offer offer,
        String note,
        String priceCaveat,
        List<String> sources) {

    public Alternative {
        sources = List.copyOf(sources);
    }

    public boolean selfHosted() {
        return offer != null;
    }
}
