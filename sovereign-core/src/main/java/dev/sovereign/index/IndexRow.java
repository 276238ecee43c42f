package dev.sovereign.index;

import java.util.List;
import java.util.Map;

/**
 * One provider deployment's index on a date.
 *
 * @param total the weighted total, rounded
 * @param exact the weighted total before rounding
 * @param subscores each dimension 0–100
 * @param flags unknown or uncertain facts, disqualifying gates, vendor risk events
 * @param disqualified a gate disqualifies this deployment for the organisation
 */
public record IndexRow(
        String id,
        String name,
        long total,
        double exact,
        Map<Dimension, Integer> subscores,
        List<String> flags,
        boolean disqualified,
        List<ResolvedFact> facts) {}
