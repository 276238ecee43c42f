package dev.sovereign.classify.internal;

import java.util.Arrays;
import java.util.Set;

/**
 * The words of the Anthropic Messages and OpenAI Chat Completions and Embeddings request schemas: their field names
 * and the constant values their enums define (roles, block and part types, media types, tool choices). A key or a
 * string value that is exactly one of these words carries nothing of the user's, so the classifier skips it, and an
 * error message may name it. Everything else — every other key, every other value, known field or not — is read.
 *
 * <p>The list is explicit so that it can be reviewed and tested: every word must be one a detector finds nothing in
 * (see {@code ApiVocabularyTest}). A word missing here costs a little time, never a finding.
 */
public final class ApiVocabulary {
    private ApiVocabulary() {}

    private static final Set<String> WORDS = Set.copyOf(Arrays.asList(
            // request fields shared by both APIs
            "model",
            "messages",
            "role",
            "content",
            "type",
            "text",
            "stream",
            "temperature",
            "top_p",
            "tools",
            "tool_choice",
            "metadata",
            "name",
            "description",
            "input",
            "id",
            "data",
            "url",
            "format",
            "schema",
            "strict",
            "function",
            "arguments",
            "parameters",
            "properties",
            "required",
            "items",
            "enum",
            "default",
            "additionalProperties",
            "anyOf",
            "oneOf",
            "allOf",
            "$schema",
            "$ref",
            "$defs",
            "definitions",
            "const",
            "minimum",
            "maximum",
            "pattern",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "nullable",
            "title",
            "service_tier",
            "stop",
            "user",
            "detail",
            "file",
            "file_id",
            "file_data",
            "filename",
            "source",
            // Anthropic Messages
            "max_tokens",
            "system",
            "stop_sequences",
            "top_k",
            "user_id",
            "thinking",
            "budget_tokens",
            "container",
            "mcp_servers",
            "context_management",
            "output_config",
            "output_format",
            "media_type",
            "cache_control",
            "ttl",
            "citations",
            "enabled",
            "context",
            "tool_use_id",
            "is_error",
            "signature",
            "input_schema",
            "disable_parallel_tool_use",
            "authorization_token",
            "tool_configuration",
            "allowed_tools",
            "max_uses",
            "allowed_domains",
            "blocked_domains",
            "user_location",
            "city",
            "region",
            "country",
            "timezone",
            "anthropic_version",
            "anthropic_beta",
            "effort",
            "cited_text",
            "document_index",
            "document_title",
            "start_char_index",
            "end_char_index",
            "start_page_number",
            "end_page_number",
            "start_block_index",
            "end_block_index",
            "search_result_index",
            "encrypted_content",
            "page_age",
            "tool_use",
            "tool_result",
            "image",
            "document",
            "redacted_thinking",
            "server_tool_use",
            "web_search_tool_result",
            "search_result",
            "mcp_tool_use",
            "mcp_tool_result",
            "container_upload",
            "base64",
            "ephemeral",
            "auto",
            "any",
            "tool",
            "none",
            "assistant",
            "web_search",
            "web_fetch",
            "code_execution",
            "bash",
            "text_editor",
            "computer",
            "approximate",
            "char_location",
            "page_location",
            "content_block_location",
            "search_result_location",
            "web_search_result_location",
            "5m",
            "1h",
            // OpenAI Chat Completions and Embeddings
            "tool_calls",
            "tool_call_id",
            "function_call",
            "functions",
            "refusal",
            "audio",
            "image_url",
            "input_audio",
            "frequency_penalty",
            "logit_bias",
            "logprobs",
            "top_logprobs",
            "max_completion_tokens",
            "n",
            "modalities",
            "prediction",
            "presence_penalty",
            "reasoning_effort",
            "response_format",
            "json_schema",
            "json_object",
            "seed",
            "store",
            "stream_options",
            "include_usage",
            "include_obfuscation",
            "parallel_tool_calls",
            "safety_identifier",
            "prompt_cache_key",
            "prompt_cache_retention",
            "web_search_options",
            "search_context_size",
            "verbosity",
            "encoding_format",
            "dimensions",
            "voice",
            "developer",
            "float",
            "low",
            "medium",
            "high",
            "minimal",
            "required",
            "custom",
            "grammar",
            "syntax",
            "lark",
            "regex",
            "wav",
            "mp3",
            "flac",
            "opus",
            "pcm16",
            "alloy",
            "echo",
            "fable",
            "onyx",
            "nova",
            "shimmer",
            "default",
            "flex",
            "priority",
            "scale",
            "standard",
            // JSON schema types and common formats
            "string",
            "number",
            "integer",
            "boolean",
            "object",
            "array",
            "null",
            "date",
            "date-time",
            "email",
            "uri",
            "uuid",
            // media types of images, documents and audio
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/pdf",
            "text/plain",
            "audio/wav",
            "audio/mpeg"));

    /**
     * Values the APIs define for one field that read as ordinary words elsewhere: {@code "disabled"} is a thinking
     * setting's {@code type}, and a health term in a sentence. Skipped only as the value of that field.
     */
    private static final java.util.Map<String, Set<String>> FIELD_VALUES = java.util.Map.of("type", Set.of("disabled"));

    /** Whether {@code value} is one the API defines for a field named {@code key}. */
    public static boolean isFieldValue(String key, String value) {
        Set<String> values = FIELD_VALUES.get(key);
        return values != null && values.contains(value);
    }

    /** The field values, for tests. */
    public static java.util.Map<String, Set<String>> fieldValues() {
        return FIELD_VALUES;
    }

    /** The lengths of the shortest and the longest word, and which ASCII chars a word starts with. */
    private static final int MIN_LENGTH;

    private static final int MAX_LENGTH;
    private static final boolean[] FIRST = new boolean[128];

    static {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (String word : WORDS) {
            min = Math.min(min, word.length());
            max = Math.max(max, word.length());
            FIRST[word.charAt(0)] = true; // every word is ASCII (ApiVocabularyTest); one that is not fails here
        }
        MIN_LENGTH = min;
        MAX_LENGTH = max;
    }

    /**
     * Whether {@code s} is exactly one of the APIs' words. Asked of every key and string of a request: most are told
     * apart by their length or first char (prose starts with a capital), without hashing the string.
     */
    public static boolean isWord(String s) {
        int n = s.length();
        if (n < MIN_LENGTH || n > MAX_LENGTH) return false;
        char first = s.charAt(0);
        return first < 128 && FIRST[first] && WORDS.contains(s);
    }

    /** The words, for tests. */
    public static Set<String> words() {
        return WORDS;
    }
}
