package dev.sovereign.config.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;

/** Reads a YAML document as a tree, with errors that name the file and line. */
public final class YamlTree {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlTree() {}

    public static JsonNode read(InputStream in, String file) throws IOException {
        if (in == null) throw new IOException(file + " not found");
        try {
            JsonNode node = YAML.readTree(in);
            if (node == null || node.isMissingNode()) throw new IllegalArgumentException(file + ": empty document");
            return node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(
                    file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }
}
