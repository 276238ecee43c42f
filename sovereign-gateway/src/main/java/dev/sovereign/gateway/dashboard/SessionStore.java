package dev.sovereign.gateway.dashboard;

import dev.sovereign.gateway.wire.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the dashboard's sign-in sessions live: in this process's memory ({@link #inMemory}, a {@link Sessions}), or in
 * a store the gateway's replicas share ({@link SharedSessions}), so that any replica serves any signed-in user.
 * Operations are asynchronous; their stages may complete on any thread (see {@link OnLoop}), and fail when the shared
 * store cannot be asked. Thread-safe.
 */
public interface SessionStore {

    /** Opens a session for {@code principal}, with a fresh id and CSRF token. */
    CompletionStage<Session> open(Principal principal);

    /**
     * The live session with this id, its idle time restarted; empty for an unknown, ended or expired id, or one whose
     * key may no longer open the dashboard.
     */
    CompletionStage<Optional<Session>> find(String id);

    /** Ends the session with this id, if there is one. */
    CompletionStage<Void> end(String id);

    /** 256 random bits, base64url without padding (43 characters): for ids and CSRF tokens. */
    String token();

    /** Releases what the store holds outside this process (its connection); the in-memory store holds nothing. */
    default void close() {}

    /** What {@code sessions}, held in this process's memory, answer, as completed stages. */
    static SessionStore inMemory(Sessions sessions) {
        return new SessionStore() {
            @Override
            public CompletionStage<Session> open(Principal principal) {
                return CompletableFuture.completedFuture(sessions.open(principal));
            }

            @Override
            public CompletionStage<Optional<Session>> find(String id) {
                return CompletableFuture.completedFuture(sessions.find(id));
            }

            @Override
            public CompletionStage<Void> end(String id) {
                sessions.end(id);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public String token() {
                return sessions.token();
            }

            @Override
            public String toString() {
                return "SessionStore[memory]";
            }
        };
    }
}
