package io.mezzo.authenticator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The principals and secrets of one credentials file. Secrets stay UTF-8 bytes inside this
 * class; the only ways out are a yes/no {@link #matches} and the SASL password lookup, which
 * answers an unknown principal with a random secret nobody knows so that both cases cost the
 * same work and fail with the same error.
 */
final class Credentials {
    private static final int DUMMY_SECRET_BYTES = 32;

    private final Map<String, byte[]> secrets;
    private final byte[] dummy;

    private Credentials(Map<String, byte[]> secrets) {
        this.secrets = secrets;
        this.dummy = new byte[DUMMY_SECRET_BYTES];
        new SecureRandom().nextBytes(dummy);
    }

    static Credentials none() {
        return new Credentials(Map.of());
    }

    /** Takes over {@code secrets} (principal to UTF-8 secret); the caller keeps no reference. */
    static Credentials of(Map<String, byte[]> secrets) {
        Map<String, byte[]> copy = new HashMap<>();
        secrets.forEach((principal, secret) -> copy.put(principal, secret.clone()));
        return new Credentials(copy);
    }

    int size() {
        return secrets.size();
    }

    boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * Whether {@code secret} is {@code principal}'s. Takes time that depends on the length of the
     * offered secret only: not on the stored one, and not on whether the principal exists.
     */
    boolean matches(String principal, String secret) {
        byte[] stored = secrets.get(principal);
        boolean known = stored != null;
        byte[] offered = secret.getBytes(StandardCharsets.UTF_8);
        // isEqual's running time follows its first argument; the non-short-circuit '&' keeps
        // an unknown principal from skipping the comparison.
        return MessageDigest.isEqual(offered, known ? stored : dummy) & known;
    }

    boolean knows(String principal) {
        return secrets.containsKey(principal);
    }

    /** The secret to check a SASL response against; a random one for an unknown principal. */
    char[] passwordFor(String principal) {
        byte[] stored = secrets.get(principal);
        if (stored == null) {
            // Hex of random bytes: never empty (the JDK's CRAM-MD5 server would fail earlier,
            // with a different error) and not guessable.
            return HexFormat.of().formatHex(dummy).toCharArray();
        }
        return new String(stored, StandardCharsets.UTF_8).toCharArray();
    }

}
