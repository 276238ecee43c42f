package dev.sovereign.gateway.provider.bedrock;

import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs Bedrock requests with AWS Signature Version 4 (service {@code bedrock}, the provider's region) using the AWS
 * SDK's own signer and credentials kept fresh off the event loop by {@link RefreshingCredentials}. Signing is CPU
 * work only. The {@code Host} header is left to the HTTP client, which derives the same value from the URI.
 * Thread-safe.
 */
public final class SigV4Authorizer implements BedrockAuthorizer {
    static final String SIGNING_NAME = "bedrock";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String providerId;
    private final String region;
    private final RefreshingCredentials credentials;

    public SigV4Authorizer(String providerId, String region, RefreshingCredentials credentials) {
        this.providerId = providerId;
        this.region = region;
        this.credentials = credentials;
    }

    @Override
    public void authorize(URI uri, MultiMap headers, byte[] body) {
        AwsCredentialsIdentity identity = credentials
                .current()
                .orElseThrow(() -> new GatewayFailure(
                        FailureKind.UPSTREAM_UNREACHABLE,
                        "The gateway has no AWS credentials for provider '" + providerId + "'; its operator must"
                                + " configure them (see the gateway's log)."));
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        for (Map.Entry<String, String> h : headers) request.appendHeader(h.getKey(), h.getValue());
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("host")) continue;
            headers.remove(h.getKey());
            for (String value : h.getValue()) headers.add(h.getKey(), value);
        }
    }

    @Override
    public String describe() {
        return credentials
                .describeCurrent()
                .map(d -> "SigV4 with " + d + " from the AWS default chain")
                .orElse("no AWS credentials yet (" + credentials.problem() + ")");
    }

    @Override
    public void close() {
        credentials.close();
    }
}
