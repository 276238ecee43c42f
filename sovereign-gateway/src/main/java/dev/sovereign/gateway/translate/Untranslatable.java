package dev.sovereign.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one request translation does with a field the target format cannot express: refuses the request with a 400
 * that names the field ({@code messages[2].content[0].type 'document' cannot be sent to an OpenAI-format
 * provider}), or, when the provider's configuration says to drop such fields, notes the field's path and lets the
 * translation go on without it. Messages name fields and schema values only, never request text. Not thread-safe:
 * one per translation.
 */
final class Untranslatable {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final WireFormat target;
    private final boolean drop;
    private final List<String> dropped = new ArrayList<>();

    Untranslatable(WireFormat target, boolean drop) {
        this.target = target;
        this.drop = drop;
    }

    /**
     * The field at {@code path} cannot be sent: throws, or returns after noting it when dropping.
     *
     * @param detail what about the field cannot be sent (its type, a value), or {@code null} for the field itself
     * @throws GatewayFailure {@link FailureKind#UNTRANSLATABLE} unless dropping
     */
    void field(String path, String detail) {
        if (!drop) {
            throw new GatewayFailure(
                    FailureKind.UNTRANSLATABLE,
                    path + (detail == null ? "" : " " + detail) + " cannot be sent to an " + formatName()
                            + "-format provider.");
        }
        dropped.add(path);
    }

    /**
     * The element at {@code path} (a message, a content block, a tool) cannot be sent because of its {@code field}:
     * throws naming the field, or returns after noting the whole element dropped.
     *
     * @throws GatewayFailure {@link FailureKind#UNTRANSLATABLE} unless dropping
     */
    void element(String path, String field, String detail) {
        if (!drop) field(at(path, field), detail);
        else dropped.add(path);
    }

    /** As {@link #field(String, String)} for the field itself. */
    void field(String path) {
        field(path, null);
    }

    /** The paths of the fields dropped, in the order met. */
    List<String> dropped() {
        return List.copyOf(dropped);
    }

    private String formatName() {
        return target == WireFormat.ANTHROPIC ? "Anthropic" : "OpenAI";
    }

    /**
     * A client-chosen value for a message, quoted when it is a short identifier (a block type, a tool type), and
     * described otherwise, so that no request text reaches a message.
     */
    static String quoted(JsonNode value) {
        if (value != null
                && value.isTextual()
                && IDENTIFIER.matcher(value.textValue()).matches()) {
            return "'" + value.textValue() + "'";
        }
        return "of another kind";
    }

    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String at(String path, int index) {
        return path + "[" + index + "]";
    }
}
