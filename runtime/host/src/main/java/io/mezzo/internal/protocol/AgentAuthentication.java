package io.mezzo.internal.protocol;

import java.util.Optional;

/**
 * The agent API's authentication (docs/agent-api.md, "Authentication"): AUTHENTICATE and
 * AUTHENTICATE_STEP calls run a challenge–response exchange whose success is a token; REGISTER
 * then carries it as {@code Authorization: Mezzo-Agent <token>}.
 */
public final class AgentAuthentication {
    /** The {@code Authorization} scheme of REGISTER, and of the master's {@code WWW-Authenticate}. */
    public static final String SCHEME = "Mezzo-Agent";
    public static final String CRAM_MD5 = "CRAM-MD5";

    private AgentAuthentication() {}

    /**
     * The 200 answer to AUTHENTICATE and AUTHENTICATE_STEP: either the next {@code challenge}
     * (Base64) of {@code session}, or the {@code token} for REGISTER.
     */
    public record Reply(Optional<String> session, Optional<String> challenge, Optional<String> token) {
        public Reply {
            session = session == null ? Optional.empty() : session;
            challenge = challenge == null ? Optional.empty() : challenge;
            token = token == null ? Optional.empty() : token;
            if (token.isPresent() == challenge.isPresent() || challenge.isPresent() != session.isPresent()) {
                throw new IllegalArgumentException("an authentication reply holds a session and a challenge, or a token");
            }
        }

        public static Reply challenge(String session, String challenge) {
            return new Reply(Optional.of(session), Optional.of(challenge), Optional.empty());
        }

        public static Reply token(String token) {
            return new Reply(Optional.empty(), Optional.empty(), Optional.of(token));
        }

        @Override
        public String toString() {
            return token.isPresent() ? "Reply[token=<hidden>]" : "Reply[session=" + session.get() + "]";
        }
    }
}
