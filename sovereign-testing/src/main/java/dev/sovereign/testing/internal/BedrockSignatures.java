package dev.sovereign.testing.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Checks a Bedrock request's credentials as Bedrock does: a SigV4 {@code Authorization} header is recomputed with
 * AWS's own signer — same credentials, same signed headers, same date and scope — and must match exactly; or a
 * bearer token must be the configured Bedrock API key. Each failure answers the 403 Bedrock sends and returns false.
 * Stateless and thread-safe.
 */
final class BedrockSignatures {
    private static final Pattern SIGV4 = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*SignedHeaders=([^,]+),"
                    + "\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the"
            + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
            + " documentation for details.";

    private BedrockSignatures() {}

    /** True when the request may go on; otherwise the 403 has been answered. */
    static boolean check(Exchange exchange, byte[] body) {
        String authorization = exchange.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            exchange.bedrockError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            if (key.isEmpty() || !key.equals(exchange.state().bedrockApiKey())) {
                exchange.bedrockError(
                        403, "UnrecognizedClientException", "The security token included in the request is invalid.");
                return false;
            }
            return true;
        }
        Matcher m = SIGV4.matcher(authorization.trim());
        if (!m.matches()) {
            exchange.bedrockError(
                    403,
                    "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
            return false;
        }
        if (!m.group(1).equals(exchange.state().awsAccessKeyId())) {
            exchange.bedrockError(
                    403, "UnrecognizedClientException", "The security token included in the request is invalid.");
            return false;
        }
        if (!m.group(4).equals("bedrock")) {
            exchange.bedrockError(
                    403, "InvalidSignatureException", "Credential should be scoped to correct service: 'bedrock'.");
            return false;
        }
        List<String> signed = Arrays.asList(m.group(5).split(";"));
        if (signed.contains(":authority")) {
            // AWS's Java signer, which recomputes the signature here, signs the host header; an HTTP/2 client that
            // signs the :authority pseudo-header instead cannot be checked, and is told so rather than misled.
            exchange.bedrockError(
                    403,
                    "IncompleteSignatureException",
                    "The fake Bedrock checks SigV4 signatures over the host header (HTTP/1.1); this request signed"
                            + " :authority (HTTP/2).");
            return false;
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(String.valueOf(exchange.header("x-amz-date"))));
        } catch (DateTimeParseException e) {
            exchange.bedrockError(403, "IncompleteSignatureException", "X-Amz-Date is missing or malformed.");
            return false;
        }
        String expected = recompute(exchange, body, m.group(3), signed, signedAt);
        if (!expected.equals(authorization.trim())) {
            exchange.bedrockError(403, "InvalidSignatureException", SIGNATURE_MISMATCH);
            return false;
        }
        return true;
    }

    /** The {@code Authorization} header AWS's signer gives the request as received, over its signed headers. */
    private static String recompute(
            Exchange exchange, byte[] body, String region, List<String> signedHeaders, Instant signedAt) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + exchange.header("host") + exchange.rawPath()));
        for (String name : signedHeaders) {
            if (name.equals("host")) continue;
            for (String value : exchange.headers(name)) request.appendHeader(name, value);
        }
        AwsCredentialsIdentity identity = AwsCredentialsIdentity.create(
                exchange.state().awsAccessKeyId(), exchange.state().awsSecretAccessKey());
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization").orElse("").trim();
    }
}
