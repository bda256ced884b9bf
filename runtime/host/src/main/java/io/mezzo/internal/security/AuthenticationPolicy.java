package io.mezzo.internal.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which callers of a master must authenticate, and against which credentials: Mesos's
 * {@code --credentials} and {@code --authenticate_*} flags. All off by default, as in Mesos.
 *
 * @param credentials   the credentials file handed to the authenticator plugin
 * @param frameworks    the scheduler API needs HTTP Basic ({@code --authenticate-frameworks})
 * @param agents        REGISTER needs a token from the agent challenge–response exchange
 * @param httpReadonly  read-only endpoints need HTTP Basic
 * @param httpReadwrite endpoints that change state need HTTP Basic
 */
public record AuthenticationPolicy(Optional<Path> credentials, boolean frameworks, boolean agents,
                                   boolean httpReadonly, boolean httpReadwrite) {

    /** Nobody has to authenticate; credentials sent anyway are ignored (Basic) or checked (agent tokens). */
    public static final AuthenticationPolicy OFF = new AuthenticationPolicy(Optional.empty(), false, false, false, false);

    public AuthenticationPolicy {
        credentials = credentials == null ? Optional.empty() : credentials;
        if (credentials.isEmpty()) {
            List<String> needing = new ArrayList<>();
            if (frameworks) {
                needing.add("--authenticate-frameworks");
            }
            if (agents) {
                needing.add("--authenticate-agents");
            }
            if (httpReadonly) {
                needing.add("--authenticate-http-readonly");
            }
            if (httpReadwrite) {
                needing.add("--authenticate-http-readwrite");
            }
            if (!needing.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", needing) + " need"
                        + (needing.size() == 1 ? "s" : "") + " --credentials FILE: without credentials nobody"
                        + " could authenticate");
            }
        }
    }

    /** Whether any caller must authenticate, so a missing authenticator matters. */
    public boolean anyRequired() {
        return frameworks || agents || httpReadonly || httpReadwrite;
    }
}
