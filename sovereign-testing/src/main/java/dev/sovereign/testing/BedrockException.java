package dev.sovereign.testing;

/**
 * The exceptions of Bedrock's {@code InvokeModel} and {@code InvokeModelWithResponseStream}, as the fake upstream
 * sends them: an error answer with {@code {"message"}} and the name in {@code x-amzn-errortype} ({@link
 * Fault#bedrock}), or an event-stream exception frame named by {@code :exception-type} ({@link
 * Fault#bedrockInStream}). Statuses and messages as Bedrock's API reference and its answers give them.
 */
public enum BedrockException {
    THROTTLING(429, "ThrottlingException", "Too many requests, please wait before trying again."),
    SERVICE_QUOTA_EXCEEDED(400, "ServiceQuotaExceededException", "Your request exceeds the service quota."),
    MODEL_NOT_READY(429, "ModelNotReadyException", "The model is not ready to serve inference requests."),
    VALIDATION(400, "ValidationException", "Malformed input request, please reformat your input and try again."),
    ACCESS_DENIED(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."),
    RESOURCE_NOT_FOUND(404, "ResourceNotFoundException", "The provided model identifier is invalid."),
    MODEL_TIMEOUT(408, "ModelTimeoutException", "Model has timed out in processing the request. Try again."),
    MODEL_ERROR(424, "ModelErrorException", "The model returned an error. Try your request again."),
    MODEL_STREAM_ERROR(424, "ModelStreamErrorException", "The model stream returned an error. Try again."),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailableException", "Bedrock is unable to process your request."),
    INTERNAL_SERVER(500, "InternalServerException", "The server encountered an internal error.");

    private final int status;
    private final String errorType;
    private final String message;

    BedrockException(int status, String errorType, String message) {
        this.status = status;
        this.errorType = errorType;
        this.message = message;
    }

    /** The HTTP status of the error answer. */
    public int status() {
        return status;
    }

    /** The name in {@code x-amzn-errortype}, such as {@code ThrottlingException}. */
    public String errorType() {
        return errorType;
    }

    /** The name in an exception frame's {@code :exception-type}, such as {@code throttlingException}. */
    public String eventType() {
        return Character.toLowerCase(errorType.charAt(0)) + errorType.substring(1);
    }

    public String message() {
        return message;
    }
}
