package dev.sovereign.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.icu.text.SpoofChecker;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle of the coverage tests: everything a provider could read in a body it received, in every form a
 * normalising reader recovers — every key, string and number at any depth, base64 and {@code data:} payloads decoded,
 * percent-encoding and HTML character references decoded, invisible characters removed, NFKC and look-alike letters
 * folded (UTS #39 skeletons), case ignored — and the strings joined end to end, so that a value split between two
 * fields is seen whole. Written independently of the gateway's own normalisation, with the JDK's decoders.
 */
final class Leaks {
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    private static final Pattern INVISIBLE =
            Pattern.compile("[\\p{Cf}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u3164\\uFE00-\\uFE0F\\uFFA0]");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{8,}={0,2}");
    private static final Pattern NUMERIC_REFERENCE = Pattern.compile("&#(x[0-9a-fA-F]+|[0-9]+);");

    private Leaks() {}

    /** What a provider could read in {@code body}, normalised. */
    static String readable(JsonNode body) {
        List<String> pieces = new ArrayList<>();
        collect(body, pieces);
        return normalise(String.join("\n", pieces)) + "\n" + normalise(String.join("", pieces));
    }

    /** {@code text} as {@link #readable} compares it. */
    static String normalise(String text) {
        String s = INVISIBLE.matcher(text).replaceAll("");
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        s = INVISIBLE.matcher(s).replaceAll("");
        return SPOOF.getSkeleton(s.toLowerCase(Locale.ROOT)).toLowerCase(Locale.ROOT);
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.add(field.getKey());
                collect(field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) collect(element, out);
        } else if (node.isTextual()) {
            String text = node.textValue();
            out.add(text);
            out.addAll(decodings(text));
        } else if (node.isNumber()) {
            out.add(node.decimalValue().toPlainString());
        }
    }

    private static List<String> decodings(String text) {
        List<String> out = new ArrayList<>();
        if (text.regionMatches(true, 0, "data:", 0, 5) && text.indexOf(',') > 0) {
            String meta = text.substring(5, text.indexOf(','));
            String data = text.substring(text.indexOf(',') + 1);
            String decoded = meta.toLowerCase(Locale.ROOT).endsWith(";base64") ? base64Text(data) : percent(data);
            if (decoded != null) out.add(decoded);
        }
        if (BASE64.matcher(text).matches()) {
            String decoded = base64Text(text);
            if (decoded != null) out.add(decoded);
        }
        if (text.indexOf('%') >= 0) {
            String decoded = percent(text);
            if (decoded != null) out.add(decoded);
        }
        if (text.indexOf('&') >= 0) out.add(entities(text));
        return out;
    }

    private static String base64Text(String data) {
        try {
            byte[] bytes = data.indexOf('-') >= 0 || data.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(data)
                    : Base64.getMimeDecoder().decode(data);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static String percent(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String entities(String text) {
        Matcher m = NUMERIC_REFERENCE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String n = m.group(1);
            int cp = n.startsWith("x") ? Integer.parseInt(n.substring(1), 16) : Integer.parseInt(n);
            m.appendReplacement(sb, Matcher.quoteReplacement(new String(Character.toChars(cp))));
        }
        m.appendTail(sb);
        return sb.toString()
                .replace("&commat;", "@")
                .replace("&period;", ".")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
