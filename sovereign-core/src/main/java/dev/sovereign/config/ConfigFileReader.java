package dev.sovereign.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sovereign.config.yaml.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds a configuration file to the records of {@code ConfigFiles}, strictly (an unknown setting or a value of the
 * wrong type fails), and turns Jackson's errors into {@link ConfigException}s in the words of a configuration file:
 * {@code file:line: setting.path: problem}, with the settings expected where one is unknown. The mapper is
 * configured once and only read, so an instance may be shared.
 */
final class ConfigFileReader {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The file bound to {@code type}, or {@code null} when it is absent or blank. */
    <T> T read(Path path, Class<T> type) {
        if (!Files.exists(path)) return null;
        String name = path.getFileName().toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read: " + e.getMessage(), e);
        }
        if (text.isBlank()) return null;
        try {
            return yaml.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            throw unknownSetting(name, text, e);
        } catch (MismatchedInputException e) {
            String expected = expected(e.getTargetType());
            if (expected == null) throw mappingProblem(name, e);
            String given =
                    e instanceof InvalidFormatException f && f.getValue() != null ? ", not '" + f.getValue() + "'" : "";
            throw new ConfigException(
                    name + locate(tokenLocation(e)) + ": " + settingPath(e) + ": expected " + expected + given, e);
        } catch (JsonMappingException e) {
            throw mappingProblem(name, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    name + locate(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** The file with the line of every setting, or {@code null} when it is absent or only Jackson could read it. */
    static LocatedYaml located(Path path) {
        try {
            return Files.exists(path) ? LocatedYaml.parse(path.getFileName().toString(), Files.readString(path)) : null;
        } catch (IOException | LocatedYaml.SyntaxError e) {
            return null;
        }
    }

    private static ConfigException unknownSetting(String name, String text, UnrecognizedPropertyException e) {
        List<String> known = e.getKnownPropertyIds() == null
                ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        // Records are bound from buffered tokens, so the parser is past the key: find the key's own line.
        int line = lineOfKey(text, e.getPropertyName());
        return new ConfigException(
                name + (line > 0 ? ":" + line : locate(tokenLocation(e))) + ": " + settingPath(e)
                        + ": unknown setting '" + e.getPropertyName() + "'"
                        + (known.isEmpty() ? "" : "; expected one of: " + String.join(", ", known)),
                e);
    }

    /** What a setting of {@code type} holds, in the words of a configuration file; null for other types. */
    private static String expected(Class<?> type) {
        if (type == null) return null;
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a text value";
        if (List.class.isAssignableFrom(type)) return "a list";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "a mapping of settings";
        return null;
    }

    private static ConfigException mappingProblem(String name, JsonMappingException e) {
        return new ConfigException(
                name + locate(tokenLocation(e)) + ": " + settingPath(e) + ": "
                        + e.getOriginalMessage()
                                .replaceAll(" \\(class [^)]*\\)", "")
                                .replaceAll("\\s*at \\[Source.*", ""),
                e);
    }

    private static int lineOfKey(String text, String key) {
        Pattern p = Pattern.compile("^[\\s-]*\"?" + Pattern.quote(key) + "\"?\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) return i + 1;
        }
        return -1;
    }

    private static JsonLocation tokenLocation(JsonMappingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.currentTokenLocation() != null) {
            return parser.currentTokenLocation();
        }
        return e.getLocation();
    }

    private static String locate(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : ":" + location.getLineNr();
    }

    private static String settingPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(top level)" : sb.toString();
    }
}
