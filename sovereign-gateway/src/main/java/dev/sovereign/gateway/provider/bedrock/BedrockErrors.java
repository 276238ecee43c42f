package dev.sovereign.gateway.provider.bedrock;

import dev.sovereign.gateway.provider.AnswerFormat.ErrorMeaning;
import java.util.Locale;
import java.util.Map;

/**
 * Bedrock's exceptions as an Anthropic client reads them: the error type of the Anthropic API with the same meaning,
 * and that type's status. Bedrock names an exception in the {@code x-amzn-errortype} header of an error answer
 * ({@code ThrottlingException:http://internal.amazon.com/coral/…}) and in the {@code :exception-type} header of an
 * event-stream exception frame ({@code throttlingException}); both spellings are read. Stateless.
 */
public final class BedrockErrors {
    private static final ErrorMeaning RATE_LIMITED = new ErrorMeaning(429, "rate_limit_error");
    private static final ErrorMeaning INVALID = new ErrorMeaning(400, "invalid_request_error");
    private static final ErrorMeaning FORBIDDEN = new ErrorMeaning(403, "permission_error");
    private static final ErrorMeaning API_ERROR = new ErrorMeaning(500, "api_error");

    private static final Map<String, ErrorMeaning> BY_NAME = Map.ofEntries(
            Map.entry("throttlingexception", RATE_LIMITED),
            Map.entry("servicequotaexceededexception", RATE_LIMITED),
            Map.entry("modelnotreadyexception", RATE_LIMITED),
            Map.entry("validationexception", INVALID),
            Map.entry("accessdeniedexception", FORBIDDEN),
            // The gateway's own AWS credentials were refused: the client's request is not at fault.
            Map.entry("unrecognizedclientexception", FORBIDDEN),
            Map.entry("invalidsignatureexception", FORBIDDEN),
            Map.entry("incompletesignatureexception", FORBIDDEN),
            Map.entry("expiredtokenexception", FORBIDDEN),
            Map.entry("missingauthenticationtokenexception", FORBIDDEN),
            Map.entry("resourcenotfoundexception", new ErrorMeaning(404, "not_found_error")),
            Map.entry("modeltimeoutexception", new ErrorMeaning(504, "timeout_error")),
            Map.entry("serviceunavailableexception", new ErrorMeaning(529, "overloaded_error")),
            Map.entry("modelerrorexception", API_ERROR),
            Map.entry("modelstreamerrorexception", API_ERROR),
            Map.entry("internalserverexception", API_ERROR));

    private BedrockErrors() {}

    /** The meaning of a Bedrock exception named {@code name}, or {@code null} for a name Bedrock does not use. */
    public static ErrorMeaning of(String name) {
        if (name == null) return null;
        int colon = name.indexOf(':');
        String bare = colon < 0 ? name : name.substring(0, colon);
        int hash = bare.lastIndexOf('#');
        if (hash >= 0) bare = bare.substring(hash + 1);
        return BY_NAME.get(bare.trim().toLowerCase(Locale.ROOT));
    }

    /** The meaning of an exception frame or answer whose name says nothing known: an upstream failure. */
    public static ErrorMeaning unknown() {
        return API_ERROR;
    }
}
