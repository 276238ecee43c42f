package dev.sovereign.gateway.provider.bedrock;

import dev.sovereign.config.ProviderConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The credentials a bedrock provider's requests carry: its Bedrock API key when the configuration names one, else
 * SigV4 signatures with credentials from the AWS default chain (environment, system properties, web identity, the
 * shared profile files, container and instance roles), kept fresh by {@link RefreshingCredentials}. Stateless.
 */
public final class BedrockAuthorizers {
    /** How often the default chain is asked again; its providers renew what expires before this comes round. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private BedrockAuthorizers() {}

    /**
     * @param env the process environment the gateway was started with; its {@code AWS_ACCESS_KEY_ID}, {@code
     *     AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} come first, as the default chain reads them
     */
    public static BedrockAuthorizer of(ProviderConfig config, Map<String, String> env) {
        if (config.credential().isPresent())
            return BedrockAuthorizer.bearer(config.credential().get());
        RefreshingCredentials credentials =
                new RefreshingCredentials(config.id(), chain(env), REFRESH, Clock.systemUTC());
        return new SigV4Authorizer(config.id(), config.region(), credentials);
    }

    private static AwsCredentialsProvider chain(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        AwsCredentials credentials = token == null || token.isBlank()
                ? AwsBasicCredentials.create(id.trim(), secret.trim())
                : AwsSessionCredentials.create(id.trim(), secret.trim(), token.trim());
        return StaticCredentialsProvider.create(credentials);
    }
}
