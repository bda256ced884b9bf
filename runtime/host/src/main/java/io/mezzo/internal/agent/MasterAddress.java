package io.mezzo.internal.agent;

import java.util.ArrayList;
import java.util.List;

/** Where a master listens: {@code host:port}, as given on the command line or in a 307 {@code Location}. */
public record MasterAddress(String host, int port) {
    public MasterAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("master host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("master port " + port + " is out of range 1..65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
    }

    /** Parses {@code host:port} ({@code [::1]:5050} for IPv6). */
    public static MasterAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("master address must not be null");
        }
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("invalid master address '" + t + "': expected host:port");
        }
        String host = t.substring(0, colon);
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            throw new IllegalArgumentException("invalid master address '" + t + "': write IPv6 hosts as [addr]:port");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid master address '" + t + "': port is not a number");
        }
        try {
            return new MasterAddress(host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid master address '" + t + "': " + e.getMessage(), e);
        }
    }

    /** Parses a comma-separated list ({@code h1:5050,h2:5050}); blank entries are skipped, none at all is an error. */
    public static List<MasterAddress> parseList(String text) {
        if (text == null) {
            throw new IllegalArgumentException("master list must not be null");
        }
        List<MasterAddress> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                out.add(parse(item));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("master list '" + text + "' names no master");
        }
        return List.copyOf(out);
    }

    /** The {@code host:port} form, with IPv6 hosts in brackets; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
