package dev.sovereign.redact;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The form of a pseudonym: {@code ⟦TYPE_N⟧}, for example {@code ⟦EMAIL_1⟧}, {@code ⟦PERSON_NAME_2⟧},
 * {@code ⟦NATIONAL_ID_FR_1⟧}.
 *
 * <p>Why this form:
 *
 * <ul>
 *   <li>The brackets are U+27E6 and U+27E7 (mathematical white square brackets). They do not occur in prose, code,
 *       JSON, Markdown or templates, unlike {@code [[…]]} (wiki links, nested arrays), {@code <…>} (HTML, generics) or
 *       {@code {{…}}} (templates), so a placeholder in an answer is ours and not the user's text. A request that
 *       already contains something of this shape keeps it: its numbers are never issued in that request (see
 *       {@link Redactor}).
 *   <li>The brackets are neither a JSON nor a Markdown metacharacter, so a placeholder travels unescaped through JSON
 *       strings, tool arguments and Markdown, and models copy it verbatim as they copy any rare token of their
 *       context.
 *   <li>The upper-case type tells the model what kind of value stands there, so it can write around it ("send it to
 *       ⟦EMAIL_1⟧"), and lets the restorer tell our placeholders from look-alikes. The number tells values of one
 *       type apart; the same value always has the same number within a request.
 *   <li>When a model alters the form anyway (case, spaces inside the brackets, {@code [[…]]} or {@code 【…】}
 *       brackets, Markdown escapes such as {@code \_} and {@code \[}), the restorer still recognises it; see
 *       {@link Restorer}.
 * </ul>
 *
 * <p>The type is the category without its family, upper-case, with dots and other separators as underscores:
 * {@code pii.email} → {@code EMAIL}, {@code pii.national_id.fr} → {@code NATIONAL_ID_FR}, {@code secret.api_key.github}
 * → {@code API_KEY_GITHUB}, {@code custom.project} → {@code PROJECT}. Every part of a type starts with a letter, so the
 * number after the last underscore is unambiguous.
 */
public final class Placeholder {
    /** Opening bracket, U+27E6. */
    public static final char OPEN = '\u27E6';
    /** Closing bracket, U+27E7. */
    public static final char CLOSE = '\u27E7';

    private static final int MAX_TYPE = 40;

    /** Types of the categories met so far: a pure function's results, bounded by the catalogue's size. */
    private static final Map<String, String> TYPES = new ConcurrentHashMap<>();

    private static final int MAX_CACHED = 4096;

    private Placeholder() {}

    /** The placeholder of the {@code number}th value of {@code type}: {@code ⟦TYPE_N⟧}. */
    public static String of(String type, int number) {
        return OPEN + type + '_' + number + CLOSE;
    }

    /** The placeholder type of a category, such as {@code NATIONAL_ID_FR} for {@code pii.national_id.fr}. */
    public static String typeOf(String category) {
        String type = TYPES.get(category);
        if (type == null) {
            type = derive(category);
            if (TYPES.size() < MAX_CACHED) {
                TYPES.put(category, type);
            }
        }
        return type;
    }

    private static String derive(String category) {
        int dot = category.indexOf('.');
        String name = dot >= 0 && dot < category.length() - 1 ? category.substring(dot + 1) : category;
        StringBuilder type = new StringBuilder(name.length());
        boolean separator = false;
        for (int i = 0; i < name.length() && type.length() < MAX_TYPE; i++) {
            char c = name.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                if (separator && type.length() > 0) {
                    // A part must start with a letter; a digit-led part is glued to the previous one.
                    if (Character.isLetter(c)) {
                        type.append('_');
                    }
                }
                separator = false;
                if (type.length() == 0 && Character.isDigit(c)) {
                    type.append('X');
                }
                type.append(Character.toUpperCase(c));
            } else {
                separator = true;
            }
        }
        return type.length() == 0 ? "VALUE" : type.toString();
    }

    /** The masking text of a category: {@code [pii.email]}. Not a placeholder: it is never restored. */
    public static String mask(String category) {
        return "[" + category + "]";
    }
}
