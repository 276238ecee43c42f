package dev.sovereign.index;

import java.util.List;
import java.util.Map;

/**
 * The sourced facts about one provider deployment (a sovereignty profile), each attribute with the
 * periods its values held. A profile may extend another and override whole attributes.
 */
public record Profile(
        String id,
        String name,
        String operator,
        String deployment,
        Map<String, List<Fact>> facts,
        List<Gate> gates,
        String file) {

    public Profile {
        facts = Map.copyOf(facts);
        gates = List.copyOf(gates);
    }
}
