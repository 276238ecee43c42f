package dev.sovereign.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.yaml.LocatedYaml;

/**
 * Where the settings of {@code providers.yaml} are written, so that a problem found after binding is reported as
 * {@code providers.yaml:LINE: setting: problem}. Without the located text (a file that only Jackson could read)
 * messages name the file alone. Immutable.
 */
final class ProviderLines {
    private final String file;
    private final LocatedYaml located;

    ProviderLines(String file, LocatedYaml located) {
        this.file = file;
        this.located = located;
    }

    /** {@code file:line} of provider {@code i}'s setting {@code key} (its entry's line when the key is absent). */
    String at(int i, String key) {
        JsonNode provider = provider(i);
        if (provider == null) return file;
        int line = key == null ? 0 : located.line(provider, key);
        return where(line > 0 ? line : located.line(provider));
    }

    /** {@code file:line} of setting {@code key} of entry {@code m} of provider {@code i}'s model map. */
    String atModel(int i, int m, String key) {
        JsonNode provider = provider(i);
        JsonNode models = provider == null ? null : provider.get("models");
        JsonNode model = models == null || !models.isArray() ? null : models.get(m);
        if (model == null) return at(i, "models");
        int line = model.isObject() ? located.line(model, key) : 0;
        return where(line > 0 ? line : located.line(models, Integer.toString(m)));
    }

    private JsonNode provider(int i) {
        if (located == null) return null;
        JsonNode list = located.root().path("providers");
        JsonNode provider = list.isArray() ? list.get(i) : null;
        return provider != null && provider.isObject() ? provider : null;
    }

    private String where(int line) {
        return line > 0 ? file + ":" + line : file;
    }
}
