package io.mezzo.internal.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The principal and secret of an {@code Authorization: Basic} header (RFC 7617). The secret
 * is never printed: {@link #toString()} names the principal only.
 */
public record BasicCredentials(String principal, String secret) {
    private static final String SCHEME = "Basic";

    public BasicCredentials {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Reads an {@code Authorization} header value. Fails with a message naming what is wrong
     * (another scheme, bad Base64, no colon), never echoing the header itself.
     */
    public static BasicCredentials parse(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase(SCHEME)) {
            throw new IllegalArgumentException("expecting 'Authorization: Basic <base64 of principal:secret>', not"
                    + " the '" + abbreviate(scheme) + "' scheme");
        }
        String encoded = space < 0 ? "" : value.substring(space + 1).strip();
        if (encoded.isEmpty()) {
            throw new IllegalArgumentException("the Basic credentials are empty");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Basic credentials are not valid Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the Basic credentials have no ':' between principal and secret");
        }
        if (colon == 0) {
            throw new IllegalArgumentException("the Basic credentials have an empty principal");
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The {@code Authorization} header value carrying these credentials. */
    public String header() {
        return SCHEME + " " + Base64.getEncoder().encodeToString((principal + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    @Override
    public String toString() {
        return "BasicCredentials[principal=" + principal + ", secret=<hidden>]";
    }
}
