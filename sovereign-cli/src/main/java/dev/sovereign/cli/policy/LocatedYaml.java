package dev.sovereign.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A YAML document that remembers the line of every entry ({@link dev.sovereign.config.yaml.LocatedYaml}), whose
 * problems are {@link ToolFailure}s for the policy commands.
 */
final class LocatedYaml {
    private final dev.sovereign.config.yaml.LocatedYaml yaml;

    private LocatedYaml(dev.sovereign.config.yaml.LocatedYaml yaml) {
        this.yaml = yaml;
    }

    /**
     * @param file the file name for messages
     * @throws ToolFailure when the text is not YAML, with the line of the error
     */
    static LocatedYaml parse(String file, String text) {
        try {
            return new LocatedYaml(dev.sovereign.config.yaml.LocatedYaml.parse(file, text));
        } catch (dev.sovereign.config.yaml.LocatedYaml.SyntaxError e) {
            throw new ToolFailure(e.getMessage());
        }
    }

    JsonNode root() {
        return yaml.root();
    }

    /** A failure located at the line of a mapping or list. */
    ToolFailure at(JsonNode container, String setting, String problem) {
        return new ToolFailure(yaml.message(container, setting, problem));
    }

    /** A failure located at the line of {@code container}'s entry {@code key} (a field name, or a list index). */
    ToolFailure at(JsonNode container, String key, String setting, String problem) {
        return new ToolFailure(yaml.message(container, key, setting, problem));
    }

    /** The line a mapping or list starts on, or 0. */
    int line(JsonNode container) {
        return yaml.line(container);
    }

    /** The line of {@code container}'s entry {@code key}, or 0. */
    int line(JsonNode container, String key) {
        return yaml.line(container, key);
    }

    String file() {
        return yaml.file();
    }
}
