package io.mezzo.internal.security;

import io.mezzo.internal.time.TimeSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master's memory of agent authentication: exchanges in progress (sessions) and the
 * tokens that successful ones earned. Both are random (128 bits from {@link SecureRandom}),
 * bound to the peer address that made them, expire on the master's clock (an exchange after
 * {@link #SESSION_TTL}, like Mesos's {@code authentication_v0_timeout}; a token after
 * {@link #TOKEN_TTL}) and are bounded in number, so a flood of AUTHENTICATE calls cannot
 * exhaust memory: past {@link #MAX_SESSIONS} (or {@link #MAX_SESSIONS_PER_PEER} from one
 * address) new exchanges are refused until old ones end or expire. A token is good for one
 * REGISTER.
 *
 * <p>Thread-safe: event loops call it concurrently. Expired entries are dropped whenever the
 * maps are touched; an expired exchange is aborted then.
 */
public final class AgentTokens {
    public static final Duration SESSION_TTL = Duration.ofSeconds(15);
    public static final Duration TOKEN_TTL = Duration.ofSeconds(60);
    public static final int MAX_SESSIONS = 1024;
    public static final int MAX_SESSIONS_PER_PEER = 16;
    public static final int MAX_TOKENS = 4096;

    private final TimeSource time;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new HashMap<>(); // guarded by this
    private final Map<String, Token> tokens = new HashMap<>(); // guarded by this

    private record Session(AuthenticatorHost.Exchange exchange, String peer, Instant expires) { }

    private record Token(String principal, String peer, Instant expires) { }

    public AgentTokens(TimeSource time) {
        this.time = time;
    }

    /** Keeps {@code exchange} for {@code peer}; its session id, or empty when too many are in progress. */
    public Optional<String> open(AuthenticatorHost.Exchange exchange, String peer) {
        List<AuthenticatorHost.Exchange> expired;
        Optional<String> id;
        synchronized (this) {
            expired = purge();
            long fromPeer = sessions.values().stream().filter(s -> s.peer.equals(peer)).count();
            if (sessions.size() >= MAX_SESSIONS || fromPeer >= MAX_SESSIONS_PER_PEER) {
                id = Optional.empty();
            } else {
                String session = fresh();
                sessions.put(session, new Session(exchange, peer, time.instant().plus(SESSION_TTL)));
                id = Optional.of(session);
            }
        }
        expired.forEach(AuthenticatorHost.Exchange::abort);
        return id;
    }

    /**
     * Takes the exchange of {@code session} out while one step runs (steps of one exchange
     * never run at once). Empty when unknown, expired, or made from another address.
     */
    public Optional<AuthenticatorHost.Exchange> take(String session, String peer) {
        List<AuthenticatorHost.Exchange> expired;
        Optional<AuthenticatorHost.Exchange> taken = Optional.empty();
        synchronized (this) {
            expired = purge();
            Session s = sessions.get(session);
            if (s != null && s.peer.equals(peer)) {
                sessions.remove(session);
                taken = Optional.of(s.exchange);
            }
        }
        expired.forEach(AuthenticatorHost.Exchange::abort);
        return taken;
    }

    /** Puts a taken exchange back for its next step, with a fresh expiry. */
    public synchronized void resume(String session, AuthenticatorHost.Exchange exchange, String peer) {
        sessions.put(session, new Session(exchange, peer, time.instant().plus(SESSION_TTL)));
    }

    /** A token for {@code principal}, good for one REGISTER from {@code peer}. */
    public synchronized String issue(String principal, String peer) {
        purge();
        if (tokens.size() >= MAX_TOKENS) {
            // Only authenticated agents get here; the one closest to expiring makes room.
            tokens.entrySet().stream().min(Comparator.comparing(e -> e.getValue().expires))
                    .map(Map.Entry::getKey).ifPresent(tokens::remove);
        }
        String token = fresh();
        tokens.put(token, new Token(principal, peer, time.instant().plus(TOKEN_TTL)));
        return token;
    }

    /** The principal of {@code token} when it is live and {@code peer} earned it; it is spent either way. */
    public synchronized Optional<String> redeem(String token, String peer) {
        purge();
        Token t = tokens.remove(token);
        return t != null && t.peer.equals(peer) ? Optional.of(t.principal) : Optional.empty();
    }

    /** Exchanges and tokens held now; for tests. */
    public synchronized int held() {
        return sessions.size() + tokens.size();
    }

    private List<AuthenticatorHost.Exchange> purge() {
        Instant now = time.instant();
        List<AuthenticatorHost.Exchange> expired = new ArrayList<>();
        sessions.values().removeIf(s -> {
            boolean over = !now.isBefore(s.expires);
            if (over) {
                expired.add(s.exchange);
            }
            return over;
        });
        tokens.values().removeIf(t -> !now.isBefore(t.expires));
        return expired;
    }

    private String fresh() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
