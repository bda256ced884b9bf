package io.mezzo.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory credentials for the framework scripts a master hosts: each script gets a random
 * secret for a principal (its submitter's, or {@value #DEFAULT_PRINCIPAL}) and uses it as HTTP
 * Basic against its own master, so hosted frameworks still subscribe when
 * {@code --authenticate-frameworks} is on. The secrets live only in this process and die with
 * the script ({@link #revoke}). Thread-safe.
 */
public final class HostedCredentials {
    /** The principal of scripts no authenticated user submitted (deploy directory, or auth off). */
    public static final String DEFAULT_PRINCIPAL = "mezzo-hosted";
    private static final int SECRET_BYTES = 24;

    private final SecureRandom random = new SecureRandom();
    private final List<BasicCredentials> issued = new CopyOnWriteArrayList<>();

    /** A fresh credential for {@code principal}, valid until revoked. */
    public BasicCredentials issue(String principal) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        BasicCredentials credential = new BasicCredentials(principal,
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        issued.add(credential);
        return credential;
    }

    public void revoke(BasicCredentials credential) {
        issued.remove(credential);
    }

    /**
     * The principal when {@code principal:secret} is a live hosted credential. Every issued
     * secret is compared in constant time, so the answer's timing tells nothing of them.
     */
    public Optional<String> check(String principal, String secret) {
        byte[] given = secret.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (BasicCredentials c : issued) {
            boolean same = MessageDigest.isEqual(given, c.secret().getBytes(StandardCharsets.UTF_8));
            match |= same & c.principal().equals(principal);
        }
        return match ? Optional.of(principal) : Optional.empty();
    }

    /** How many are live; for tests. */
    public int live() {
        return issued.size();
    }
}
