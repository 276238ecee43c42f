package dev.sovereign.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A report for a data-protection officer: titled sections, each written in Markdown with a JSON twin, rendered as
 * one Markdown document, one self-contained HTML page (no script, no external resource; raw HTML in a section is
 * escaped, never passed through), or one JSON object keyed by section id. Every URL the sections cite is gathered
 * into a closing list of sources.
 */
public final class ReportDocument {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();
    private static final Pattern URL = Pattern.compile("https?://[^\\s)|>\\]\"'`]+");
    private static final Pattern HEADING = Pattern.compile("(?m)^(#{1,5}) ");

    private final String title;
    private final List<String> preamble = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    /**
     * @param id the section's key in the JSON form
     * @param markdown the section's text, headed by a level-1 heading ({@code #}); headings are shifted one level
     *     down in the document
     */
    public record Section(String id, String markdown, JsonNode json) {}

    public ReportDocument(String title) {
        this.title = title;
    }

    /** A paragraph under the title. */
    public ReportDocument line(String markdown) {
        preamble.add(markdown);
        return this;
    }

    public ReportDocument section(String id, String markdown, JsonNode json) {
        sections.add(new Section(id, markdown, json));
        return this;
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Every URL the sections cite, sorted. */
    public Set<String> sources() {
        Set<String> urls = new TreeSet<>();
        for (Section s : sections) {
            Matcher m = URL.matcher(s.markdown());
            while (m.find()) urls.add(trim(m.group()));
            if (s.json() != null) collect(s.json(), urls);
        }
        return urls;
    }

    private static void collect(JsonNode node, Set<String> urls) {
        if (node.isTextual()) {
            Matcher m = URL.matcher(node.asText());
            while (m.find()) urls.add(trim(m.group()));
        } else {
            for (JsonNode child : node) collect(child, urls);
        }
    }

    private static String trim(String url) {
        return url.replaceAll("[.,;:]+$", "");
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        for (String p : preamble) md.append(p).append("\n\n");
        if (sections.size() > 1) {
            md.append("Contents: ");
            List<String> names = new ArrayList<>();
            for (Section s : sections) names.add(heading(s.markdown()));
            md.append(String.join(" · ", names)).append("\n\n");
        }
        for (Section s : sections) {
            md.append(HEADING.matcher(s.markdown().strip()).replaceAll("#$1 ")).append("\n\n");
        }
        Set<String> sources = sources();
        if (!sources.isEmpty()) {
            md.append("## Sources\n\n");
            for (String url : sources) md.append("- <").append(url).append(">\n");
        }
        return md.toString();
    }

    private static String heading(String markdown) {
        for (String line : markdown.split("\n")) {
            if (line.startsWith("# ")) return line.substring(2).strip();
        }
        return "";
    }

    public String html() {
        String body = HTML.render(PARSER.parse(markdown()));
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + body + "</main>\n</body>\n</html>\n";
    }

    public ObjectNode json() {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("title", title);
        ObjectNode out = root.putObject("sections");
        for (Section s : sections) out.set(s.id(), s.json());
        ArrayNode src = root.putArray("sources");
        sources().forEach(src::add);
        return root;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 0; }
            main { max-width: 1100px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
            h1 { font-size: 1.8rem; border-bottom: 2px solid #1b1f24; padding-bottom: .3rem; }
            h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
            h3 { font-size: 1.1rem; margin-top: 1.8rem; }
            table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
            th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; vertical-align: top; }
            th { background: #f6f8fa; text-align: left; }
            code { font: .85em ui-monospace, "SFMono-Regular", Menlo, monospace; background: #f6f8fa; padding: 0 .2em; }
            a { color: #0b57d0; word-break: break-all; }
            @media print { main { max-width: none; padding: 0; } h2 { page-break-before: auto; } }
            """;
}
