package dev.sovereign.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Microsoft Entra workload identity, as Azure Kubernetes Service injects it into a pod: the gateway exchanges the
 * federated service-account token in {@code AZURE_FEDERATED_TOKEN_FILE} (kept fresh by the kubelet) for an Entra
 * access token of the app {@code AZURE_CLIENT_ID} in the tenant {@code AZURE_TENANT_ID}, at {@code
 * AZURE_AUTHORITY_HOST} (OAuth 2.0 client credentials with a client assertion).
 *
 * @param authorityHost the Entra authority, {@code https://login.microsoftonline.com} in Azure's public cloud
 */
public record EntraWorkloadIdentity(String tenantId, String clientId, Path federatedTokenFile, URI authorityHost) {
    /** The environment variables AKS workload identity sets, and their default. */
    public static final String TENANT_ENV = "AZURE_TENANT_ID";

    public static final String CLIENT_ENV = "AZURE_CLIENT_ID";
    public static final String TOKEN_FILE_ENV = "AZURE_FEDERATED_TOKEN_FILE";
    public static final String AUTHORITY_ENV = "AZURE_AUTHORITY_HOST";
    public static final String PUBLIC_CLOUD_AUTHORITY = "https://login.microsoftonline.com";

    public EntraWorkloadIdentity {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(federatedTokenFile, "federatedTokenFile");
        Objects.requireNonNull(authorityHost, "authorityHost");
    }

    /** {@code {authority}/{tenant}/oauth2/v2.0/token}. */
    public URI tokenEndpoint() {
        String base = authorityHost.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/" + tenantId + "/oauth2/v2.0/token");
    }
}
