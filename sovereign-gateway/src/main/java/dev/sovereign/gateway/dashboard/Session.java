package dev.sovereign.gateway.dashboard;

import dev.sovereign.gateway.wire.Principal;
import java.time.Instant;

/**
 * A signed-in dashboard session as {@link Sessions} hands it out.
 *
 * @param id the secret the session cookie carries; never logged, stored by the server only as a hash
 * @param csrfToken the token every state-changing request of this session must send back ({@code x-csrf-token} or a
 *     {@code csrf} form field)
 * @param principal the admin key the session was opened with
 * @param expires when the session ends at the latest, whatever its activity
 */
public record Session(String id, String csrfToken, Principal principal, Instant expires) {
    @Override
    public String toString() {
        // Never print the secrets, whoever logs a session by mistake.
        return "Session[key=" + principal.keyId() + ", expires=" + expires + "]";
    }
}
