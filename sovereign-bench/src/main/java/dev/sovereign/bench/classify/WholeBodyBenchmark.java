package dev.sovereign.bench.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import dev.sovereign.classify.RequestText;
import dev.sovereign.classify.StrictJson;
import dev.sovereign.classify.TextSegment;
import dev.sovereign.classify.internal.Engine;
import dev.sovereign.classify.internal.EngineBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading the whole request costs next to the previous field-list reading, per request, from the body's bytes to
 * its {@link Classification}, on three Anthropic Messages bodies generated with a fixed seed ({@link #body}):
 *
 * <ul>
 *   <li>{@code chat-2k}: a 2 KB chat, a system prompt and five turns of business prose in English, French and German
 *       with one email and one phone number;
 *   <li>{@code tools-50k}: a 50 KB agent conversation, an 11 KB system prompt, 41 messages, 10 tool definitions with
 *       JSON schemas, and 7 tool_use / tool_result pairs with object inputs;
 *   <li>{@code doc-1m}: a 1 MB request, a short chat and a base64 {@code text/plain} document of 750 KB of prose with
 *       a few emails and IBANs.
 * </ul>
 *
 * <p>{@link #baseline}: Jackson's {@code readTree}, {@link FieldListText} (the previous reading of known fields; a
 * base64 document is a binary marker there) and the engine called directly on each text segment, as the previous
 * {@code Classifier.classify} did. {@link #wholeBody}: {@link StrictJson}, {@link RequestText#of} (every string, key
 * and number, encoded payloads decoded) and {@link Classifier#classify} (the detection view of each text, joined views
 * across message boundaries). The {@code ...ParseOnly} pair stops after the segments are extracted, so that the
 * difference to the full method is the scanning. Single-threaded, figures per core. {@link #main} prints each body's
 * size, segments, chars scanned and categories found by both readings.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WholeBodyBenchmark {
    static final long SEED = 20_251_126L;
    static final int MAX_DEPTH = 128;

    @Param({"chat-2k", "tools-50k", "doc-1m"})
    public String body;

    /**
     * "on": the classifier remembers short clean texts across calls, as the gateway's does (a repeated body, as an
     * agent resends its tools every turn, finds them remembered); "off": every call reads every text (a body never
     * seen before). Outside JMH, the system property {@code cleanTextCache} sets it.
     */
    @Param({"on", "off"})
    public String cleanTextCache = System.getProperty("cleanTextCache", "on");

    byte[] bytes;
    ObjectMapper mapper;
    Engine engine;
    StrictJson strict;
    Classifier classifier;

    @Setup
    public void setUp() {
        bytes = body(body);
        // the previous gateway's parser: a plain ObjectMapper with the configured nesting limit
        mapper = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .build())
                .build());
        engine = new EngineBuilder().defaults().build();
        strict = new StrictJson(MAX_DEPTH);
        classifier = switch (cleanTextCache) {
            case "on" -> Classifier.builder().build();
            case "off" -> Classifier.builder().cleanTextCache(0).build();
            default -> throw new IllegalArgumentException("cleanTextCache: on or off, not " + cleanTextCache);
        };
        check(body, baseline(), wholeBody());
    }

    /** The previous reading: plain parse, the known fields only, the engine on each text segment. */
    @Benchmark
    public Classification baseline() {
        return classifyDirect(engine, FieldListText.fromAnthropic(readTree(mapper, bytes)));
    }

    /** The new reading, end to end: strict parse, every string, key and number, detection views and joined views. */
    @Benchmark
    public Classification wholeBody() {
        return classifier.classify(RequestText.of(strict.parse(bytes)), Set.of());
    }

    /** {@link #baseline} without the scanning: parse and extract the known fields. */
    @Benchmark
    public List<TextSegment> baselineParseOnly() {
        return FieldListText.fromAnthropic(readTree(mapper, bytes));
    }

    /** {@link #wholeBody} without the scanning: strict parse and extract every piece (payloads decoded). */
    @Benchmark
    public List<TextSegment> wholeBodyParseOnly() {
        return RequestText.of(strict.parse(bytes));
    }

    static JsonNode readTree(ObjectMapper mapper, byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The previous {@code Classifier.classify}: the engine on each text segment, binary parts counted, no views. */
    static Classification classifyDirect(Engine engine, List<TextSegment> segments) {
        List<Classification.SegmentFindings> results = new ArrayList<>(segments.size());
        Map<String, Integer> counts = new TreeMap<>();
        for (TextSegment segment : segments) {
            if (segment.binary()) {
                counts.merge(Classifier.BINARY, 1, Integer::sum);
                results.add(new Classification.SegmentFindings(segment, List.of()));
                continue;
            }
            List<Finding> findings = engine.scan(segment.text());
            for (Finding finding : findings) {
                counts.merge(finding.category(), 1, Integer::sum);
            }
            results.add(new Classification.SegmentFindings(segment, findings));
        }
        return new Classification(results, counts);
    }

    /** Both readings must find what each body was built with, or the figures would measure something else. */
    private static void check(String kind, Classification before, Classification after) {
        Map<String, Integer> old = before.categoryCounts();
        Map<String, Integer> now = after.categoryCounts();
        boolean ok = switch (kind) {
            case "chat-2k" ->
                old.getOrDefault("pii.email", 0) == 1
                        && old.getOrDefault("pii.phone", 0) == 1
                        && now.getOrDefault("pii.email", 0) == 1
                        && now.getOrDefault("pii.phone", 0) == 1;
            case "tools-50k" -> old.getOrDefault("pii.email", 0) >= 1 && now.getOrDefault("pii.email", 0) >= 1;
            case "doc-1m" ->
                old.getOrDefault(Classifier.BINARY, 0) == 1
                        && now.getOrDefault("pii.email", 0) >= DOC_VALUES
                        && now.getOrDefault("financial.iban", 0) >= DOC_VALUES;
            default -> false;
        };
        if (!ok) {
            throw new IllegalStateException(kind + ": unexpected findings, before " + old + ", after " + now);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The bodies

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper WRITER = new ObjectMapper();

    /** Emails and IBANs in the document of {@code doc-1m}, each. */
    static final int DOC_VALUES = 5;

    /** The body of {@code kind} as the client sends it: compact UTF-8 JSON. Deterministic. */
    public static byte[] body(String kind) {
        ObjectNode root = switch (kind) {
            case "chat-2k" -> chat();
            case "tools-50k" -> tools(new Random(SEED));
            case "doc-1m" -> document(new Random(SEED));
            default -> throw new IllegalArgumentException("unknown body " + kind);
        };
        try {
            return WRITER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode request(int maxTokens) {
        ObjectNode root = NODES.objectNode();
        root.put("model", "claude-sonnet-4-5");
        root.put("max_tokens", maxTokens);
        root.put("temperature", 0.3);
        return root;
    }

    private static ObjectNode message(ArrayNode messages, String role, String text) {
        return messages.addObject().put("role", role).put("content", text);
    }

    private static ObjectNode textBlock(ArrayNode blocks, String text) {
        return blocks.addObject().put("type", "text").put("text", text);
    }

    /** chat-2k: about 2 KB, a system prompt and five turns, one email, one phone number. */
    static ObjectNode chat() {
        ObjectNode root = request(1024);
        root.put(
                "system",
                "You are the customer assistant of Maison Delacroix & Partner, which organises trade fairs in Lyon,"
                        + " Genève and München. Answer in the customer's language, briefly and courteously. Never"
                        + " promise a discount or a stand location without the sales team's approval, and point"
                        + " customers to the exhibitor portal for invoices and badges.");
        root.putObject("metadata").put("user_id", "c8d1f0a2-5e47-4b9b-a7f3-2f6e1d9c4b80");
        ArrayNode messages = root.putArray("messages");
        message(
                messages,
                "user",
                "Bonjour, je prépare notre participation au salon de l'été à Genève et j'aimerais réserver un stand"
                        + " d'angle près de l'entrée principale. Les tarifs ont-ils changé depuis l'année dernière,"
                        + " et quelles sont les échéances de paiement ?");
        message(
                messages,
                "assistant",
                "Bonjour ! Les stands d'angle ont augmenté d'environ 4 % cette année, surtout à cause du coût de"
                        + " l'électricité. Un premier acompte est dû à la réservation, le solde trente jours avant"
                        + " l'ouverture. Souhaitez-vous recevoir le plan détaillé du hall et la grille tarifaire ?");
        message(
                messages,
                "user",
                "Ja, gerne. Schicken Sie den Hallenplan bitte an meine Kollegin, die ab nächster Woche die Planung"
                        + " übernimmt: claire.dubois@delacroix-events.fr. Für Rückfragen erreichen Sie sie unter"
                        + " +33 6 12 34 56 78, am besten vormittags.");
        message(
                messages,
                "assistant",
                "Vielen Dank! Ich habe den Hallenplan und die Preisübersicht an Ihre Kollegin weitergeleitet. Bitte"
                        + " beachten Sie, dass die Anmeldefrist für Aussteller am Monatsende abläuft; danach können wir"
                        + " nur noch Restflächen im Obergeschoss anbieten. Möchten Sie eine Option auf zwei Stände"
                        + " setzen, bis Ihr Budget bestätigt ist?");
        ArrayNode blocks = messages.addObject().put("role", "user").putArray("content");
        textBlock(
                blocks,
                "Yes, please hold both options until Friday. One more thing: could you draft a short paragraph for"
                        + " our newsletter announcing that we will exhibit in Geneva this summer, with a friendly tone"
                        + " and room for the stand number once it is confirmed? Our readers are mostly buyers from"
                        + " Switzerland, France and southern Germany.");
        return root;
    }

    private static final List<String> SYSTEM_RULES = List.of(
            "You are the operations assistant of Nordlicht Logistik, a freight forwarder with depots in Hamburg,"
                    + " Rotterdam, Lyon and Milano. ",
            "Always check an order's current status with the tools before you answer a question about it; never guess"
                    + " a delivery date. ",
            "When a customer reports a damaged or missing parcel, open a ticket with the claim category and quote its"
                    + " number in your answer. ",
            "Refunds above 500 EUR need a supervisor's approval: prepare the refund, tell the customer it is pending,"
                    + " and do not confirm it yourself. ",
            "Answer in the language of the customer's last message (English, French, German or Italian), in a"
                    + " friendly and precise tone, without internal jargon. ",
            "Quote prices in the currency of the customer's contract, with VAT shown separately for business"
                    + " customers. ",
            "If a tool returns an error, retry once; if it fails again, apologise and offer to call the customer back"
                    + " within one business day. ",
            "Do not reveal other customers' data, internal cost figures or the names of drivers and warehouse staff. ",
            "Summaries for the account managers are written in English, as bullet points, at most ten lines. ",
            "Shipments of dangerous goods (ADR classes 1 to 9) need the safety data sheet before pickup; ask for it"
                    + " when it is missing. ",
            "Opening hours of the depots: Monday to Friday 06:00-22:00, Saturday 07:00-14:00; there is no pickup on"
                    + " public holidays of the depot's country. ",
            "When a customer changes a delivery address after dispatch, check whether the parcel has left the hub;"
                    + " if it has, a redirection fee of 12 EUR applies. ");

    private static final List<String> USER_PROSE = List.of(
            "Our pallet to the Lyon warehouse still shows as in transit, although it was due on Tuesday. ",
            "Could you check whether the customs documents for the Swiss shipment have been accepted? ",
            "Pouvez-vous me confirmer la date de livraison prévue et le créneau horaire du transporteur ? ",
            "La réception de notre entrepôt ferme à 16 h le vendredi, merci d'en tenir compte. ",
            "Wir benötigen für die Rechnung die genaue Anzahl der gelieferten Paletten und das Gewicht. ",
            "Können Sie die Abholung auf Donnerstag verschieben? Unser Lager ist am Mittwoch geschlossen. ",
            "The last two deliveries arrived with torn stretch film; please make sure it does not happen again. ",
            "Potreste indicarmi se la spedizione per Milano può essere consegnata prima delle dieci? ",
            "We would also like a quote for a weekly shuttle between Rotterdam and Hamburg from next quarter. ",
            "Merci de mettre à jour l'adresse de facturation ; nous avons déménagé le mois dernier. ");

    private static final List<String> ASSISTANT_PROSE = List.of(
            "I have checked the order: it left the Hamburg hub this morning and is now on its way to the depot. ",
            "The carrier's current estimate is Thursday between 08:00 and 12:00; I will let you know if it changes. ",
            "J'ai bien noté votre demande et transmis les informations au service d'exploitation. ",
            "La livraison est prévue jeudi matin ; le chauffeur vous appellera une heure avant son arrivée. ",
            "Ich habe die Abholung auf Donnerstag verschoben und die Bestätigung an Ihre Adresse geschickt. ",
            "Die Zollpapiere wurden gestern akzeptiert, die Sendung kann also wie geplant zugestellt werden. ",
            "I am sorry about the damaged film; I have opened a claim and added a note for the loading team. ",
            "La spedizione per Milano può essere consegnata entro le dieci con un supplemento di 35 euro. ",
            "For the weekly shuttle I will ask the account manager to prepare a quote with two options. ",
            "Here is a summary of what I found, with the next steps for each open point. ");

    private record Property(String name, String type, String description, List<String> values) {}

    private record Tool(String name, String description, List<Property> properties) {}

    private static Property prop(String name, String type, String description, String... values) {
        return new Property(name, type, description, List.of(values));
    }

    private static final List<Tool> TOOLS = List.of(
            new Tool(
                    "get_order",
                    "Returns an order with its shipments, their current status and the carrier's latest estimate."
                            + " Use it before answering any question about an order.",
                    List.of(
                            prop("order_id", "string", "The order number, for example NL-2025-004512."),
                            prop("include_items", "boolean", "Whether to include the order's line items."),
                            prop(
                                    "fields",
                                    "array",
                                    "Which parts of the order to return.",
                                    "status",
                                    "shipments",
                                    "invoices",
                                    "documents"))),
            new Tool(
                    "search_orders",
                    "Searches the customer's orders by date, status and destination. Returns at most 'limit' orders,"
                            + " newest first.",
                    List.of(
                            prop("customer_id", "string", "The customer's account number."),
                            prop(
                                    "status",
                                    "string",
                                    "Only orders with this status.",
                                    "created",
                                    "picked_up",
                                    "in_transit",
                                    "delivered",
                                    "delayed",
                                    "cancelled"),
                            prop("from_date", "string", "Earliest order date, ISO 8601."),
                            prop("to_date", "string", "Latest order date, ISO 8601."),
                            prop("limit", "integer", "How many orders to return, 1 to 50."))),
            new Tool(
                    "track_shipment",
                    "Returns the scan events of a shipment from pickup to delivery, with depot, time and event code.",
                    List.of(
                            prop("tracking_number", "string", "The carrier's tracking number."),
                            prop("carrier", "string", "The carrier.", "nordlicht", "dhl", "geodis", "brt", "postnl"))),
            new Tool(
                    "reschedule_pickup",
                    "Moves a pickup to another day and time window. Fails when the goods have already been collected.",
                    List.of(
                            prop("order_id", "string", "The order number."),
                            prop("date", "string", "The new pickup date, ISO 8601."),
                            prop("window", "string", "The time window.", "morning", "afternoon", "evening"),
                            prop("note", "string", "A note for the driver, for example the loading dock."))),
            new Tool(
                    "change_delivery_address",
                    "Changes the delivery address of a shipment that has not left its hub, or redirects it for a fee.",
                    List.of(
                            prop("order_id", "string", "The order number."),
                            prop("street", "string", "Street and number."),
                            prop("postcode", "string", "Postcode."),
                            prop("city", "string", "City."),
                            prop("country", "string", "ISO 3166 country code.", "DE", "FR", "NL", "IT", "BE", "AT"))),
            new Tool(
                    "open_ticket",
                    "Opens a service ticket for a claim or a complaint and returns its number.",
                    List.of(
                            prop("order_id", "string", "The order concerned."),
                            prop(
                                    "category",
                                    "string",
                                    "The kind of claim.",
                                    "damaged",
                                    "missing",
                                    "late",
                                    "wrong_address",
                                    "invoice",
                                    "other"),
                            prop("description", "string", "What happened, in the customer's words."),
                            prop("priority", "string", "Priority.", "low", "normal", "high", "urgent"))),
            new Tool(
                    "get_invoice",
                    "Returns an invoice with its lines, VAT breakdown and payment status.",
                    List.of(
                            prop("invoice_id", "string", "The invoice number, for example INV-2025-10422."),
                            prop("format", "string", "Output format.", "json", "pdf_link"))),
            new Tool(
                    "prepare_refund",
                    "Prepares a refund for an order. Refunds above 500 EUR stay pending until a supervisor approves"
                            + " them.",
                    List.of(
                            prop("order_id", "string", "The order number."),
                            prop("amount", "number", "Amount in the contract currency."),
                            prop("currency", "string", "Currency.", "EUR", "CHF", "GBP"),
                            prop("reason", "string", "Why the customer is refunded."))),
            new Tool(
                    "quote_transport",
                    "Computes a price for a transport between two depots, per pallet, with surcharges.",
                    List.of(
                            prop("origin", "string", "Origin depot.", "hamburg", "rotterdam", "lyon", "milano"),
                            prop(
                                    "destination",
                                    "string",
                                    "Destination depot.",
                                    "hamburg",
                                    "rotterdam",
                                    "lyon",
                                    "milano"),
                            prop("pallets", "integer", "Number of pallets."),
                            prop("frequency", "string", "How often.", "once", "weekly", "monthly"),
                            prop("adr", "boolean", "Whether the goods are dangerous goods under ADR."))),
            new Tool(
                    "send_summary",
                    "Sends a summary of the conversation to the customer's account manager.",
                    List.of(
                            prop("account_manager", "string", "The account manager's user name."),
                            prop("summary", "string", "The summary, in English, at most ten bullet points."),
                            prop("follow_up", "boolean", "Whether the account manager should call the customer."))));

    private static ArrayNode toolDefinitions(ObjectNode root) {
        ArrayNode tools = root.putArray("tools");
        for (Tool tool : TOOLS) {
            ObjectNode t = tools.addObject().put("name", tool.name()).put("description", tool.description());
            ObjectNode schema = t.putObject("input_schema").put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            ArrayNode required = schema.putArray("required");
            for (Property p : tool.properties()) {
                ObjectNode property = properties.putObject(p.name());
                property.put("type", p.type()).put("description", p.description());
                if (!p.values().isEmpty()) {
                    if (p.type().equals("array")) {
                        ArrayNode values = property.putObject("items")
                                .put("type", "string")
                                .putArray("enum");
                        p.values().forEach(values::add);
                    } else {
                        ArrayNode values = property.putArray("enum");
                        p.values().forEach(values::add);
                    }
                }
                if (!p.type().equals("boolean") && !p.name().equals("note")) {
                    required.add(p.name());
                }
            }
        }
        return tools;
    }

    private static String sentences(Random random, List<String> from, int count) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < count; k++) {
            b.append(from.get(random.nextInt(from.size())));
        }
        return b.toString().strip();
    }

    private static String toolId(Random random) {
        StringBuilder b = new StringBuilder("toolu_01");
        for (int k = 0; k < 22; k++) {
            b.append(Values.ALNUM.charAt(random.nextInt(Values.ALNUM.length())));
        }
        return b.toString();
    }

    private static String orderId(Random random) {
        return "NL-2025-" + String.format("%06d", random.nextInt(1_000_000));
    }

    /** An input for {@code tool} and the JSON text its result returns. */
    private static ObjectNode toolInput(Tool tool, Random random) {
        ObjectNode input = NODES.objectNode();
        for (Property p : tool.properties()) {
            switch (p.type()) {
                case "boolean" -> input.put(p.name(), random.nextBoolean());
                case "integer" -> input.put(p.name(), 1 + random.nextInt(33));
                case "number" -> input.put(p.name(), (20_000 + random.nextInt(60_000)) / 100.0);
                case "array" ->
                    input.putArray(p.name())
                            .add(p.values().get(0))
                            .add(p.values().get(1));
                default -> {
                    if (!p.values().isEmpty()) {
                        input.put(
                                p.name(),
                                p.values().get(random.nextInt(p.values().size())));
                    } else if (p.name().endsWith("order_id")) {
                        input.put(p.name(), orderId(random));
                    } else if (p.name().endsWith("date")) {
                        input.put(p.name(), "2025-11-" + (10 + random.nextInt(19)));
                    } else {
                        input.put(p.name(), sentences(random, USER_PROSE, 1));
                    }
                }
            }
        }
        return input;
    }

    private static String toolResult(Tool tool, ObjectNode input, Random random, int turn) {
        ObjectNode result = NODES.objectNode();
        result.put("ok", true).put("tool", tool.name());
        result.put("order_id", input.path("order_id").asText(orderId(random)));
        ArrayNode events = result.putArray("events");
        String[] depots = {"Hamburg", "Rotterdam", "Lyon", "Milano"};
        for (int k = 0; k < 4 + random.nextInt(4); k++) {
            events.addObject()
                    .put(
                            "at",
                            "2025-11-" + (10 + k) + "T0" + (6 + random.nextInt(4)) + ":" + (10 + random.nextInt(49))
                                    + ":00Z")
                    .put("depot", depots[random.nextInt(depots.length)])
                    .put("code", "EV" + (100 + random.nextInt(900)))
                    .put("pallets", 1 + random.nextInt(12))
                    .put("weight_kg", (10_000 + random.nextInt(90_000)) / 100.0);
        }
        if (turn == 7) {
            result.put("contact", "Please copy logistics.desk@rheinfracht-gmbh.de on any change.");
        }
        result.put("note", sentences(random, ASSISTANT_PROSE, 2));
        return result.toString();
    }

    /** tools-50k: about 50 KB, an 11 KB system prompt, 41 messages, 10 tools, 7 tool_use / tool_result pairs. */
    static ObjectNode tools(Random random) {
        ObjectNode root = request(4096);
        root.put("system", sentences(random, SYSTEM_RULES, 90));
        toolDefinitions(root);
        ArrayNode messages = root.putArray("messages");
        int turn = 0;
        while (messages.size() < 40) {
            turn++;
            message(messages, "user", sentences(random, USER_PROSE, 5 + random.nextInt(9)));
            if (turn % 2 == 1) {
                // a tool call: the assistant's text and tool_use, the user's tool_result, the assistant's answer
                Tool tool = TOOLS.get(random.nextInt(TOOLS.size()));
                ObjectNode input = toolInput(tool, random);
                String id = toolId(random);
                ArrayNode call = messages.addObject().put("role", "assistant").putArray("content");
                textBlock(call, sentences(random, ASSISTANT_PROSE, 1));
                call.addObject()
                        .put("type", "tool_use")
                        .put("id", id)
                        .put("name", tool.name())
                        .set("input", input);
                ArrayNode result = messages.addObject().put("role", "user").putArray("content");
                result.addObject()
                        .put("type", "tool_result")
                        .put("tool_use_id", id)
                        .put("content", toolResult(tool, input, random, turn));
            }
            message(messages, "assistant", sentences(random, ASSISTANT_PROSE, 5 + random.nextInt(9)));
        }
        message(messages, "user", sentences(random, USER_PROSE, 2));
        return root;
    }

    /** doc-1m: about 1 MB, a short chat and a base64 text/plain document of 750 KB of prose with emails and IBANs. */
    static ObjectNode document(Random random) {
        StringBuilder text = new StringBuilder(Prompts.clean(750_000, SEED));
        Values values = new Values(random);
        String[] people = {"a.moreau", "j.schneider", "l.rossi", "m.van.dijk", "s.garcia"};
        for (int k = DOC_VALUES - 1; k >= 0; k--) {
            // one email and one IBAN at a sentence end in each fifth of the text, from the end so offsets hold
            int at = text.indexOf(". ", (int) ((k + 0.5) * text.length() / DOC_VALUES)) + 2;
            text.insert(
                    at, "Contact: " + people[k] + "@example-fournisseur.eu, payment to IBAN " + values.iban() + ". ");
        }
        String data = Base64.getEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));

        ObjectNode root = request(2048);
        root.put("system", "You are an analyst. Answer with a structured summary and cite the page of each point.");
        ArrayNode messages = root.putArray("messages");
        message(messages, "user", "I am sending you our supplier report for the year; can you read it for me?");
        message(messages, "assistant", "Of course. Please attach the report and tell me what you need from it.");
        ArrayNode blocks = messages.addObject().put("role", "user").putArray("content");
        ObjectNode document = blocks.addObject().put("type", "document");
        document.putObject("source")
                .put("type", "base64")
                .put("media_type", "text/plain")
                .put("data", data);
        document.put("title", "Supplier report 2025");
        textBlock(
                blocks,
                "Here it is. Please list the suppliers whose delivery times got worse, with the figures, and the"
                        + " open payment questions.");
        return root;
    }

    /** Prints each body's size, and the segments, chars scanned and categories of both readings. */
    public static void main(String[] args) {
        ObjectMapper mapper = new ObjectMapper();
        Engine engine = new EngineBuilder().defaults().build();
        StrictJson strict = new StrictJson(MAX_DEPTH);
        for (String kind : List.of("chat-2k", "tools-50k", "doc-1m")) {
            byte[] bytes = body(kind);
            List<TextSegment> before = FieldListText.fromAnthropic(readTree(mapper, bytes));
            List<TextSegment> after = RequestText.of(strict.parse(bytes));
            Classification old = classifyDirect(engine, before);
            Classification now = Classifier.defaults().classify(after, Set.of());
            check(kind, old, now);
            System.out.printf(
                    "%s: %,d bytes%n  before: %d segments, %,d chars, %s%n  after:  %d segments, %,d chars, %s%n",
                    kind,
                    bytes.length,
                    before.size(),
                    chars(before),
                    old.categoryCounts(),
                    after.size(),
                    chars(after),
                    now.categoryCounts());
        }
    }

    private static long chars(List<TextSegment> segments) {
        return segments.stream().mapToLong(s -> s.text().length()).sum();
    }
}
