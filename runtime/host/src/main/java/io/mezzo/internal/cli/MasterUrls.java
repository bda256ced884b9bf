package io.mezzo.internal.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Master addresses as users write them: {@code http://host:5050}, {@code https://host:5050}, or {@code host:5050}. */
final class MasterUrls {
    private MasterUrls() {
    }

    static List<URI> parse(List<String> given) {
        return parse(given, "http");
    }

    /** As {@link #parse(List)}; an address without a scheme gets {@code defaultScheme}. */
    static List<URI> parse(List<String> given, String defaultScheme) {
        if (given == null || given.isEmpty()) {
            throw new IllegalArgumentException("--master is required: the master's URL, e.g. http://127.0.0.1:5050");
        }
        List<URI> masters = new ArrayList<>();
        for (String raw : given) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            String withScheme = s.contains("://") ? s : defaultScheme + "://" + s;
            URI uri;
            try {
                uri = URI.create(withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1)
                        : withScheme);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--master '" + raw + "' is not a URL: " + e.getMessage(), e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--master '" + raw + "' must be http://HOST:PORT or https://HOST:PORT");
            }
            masters.add(uri);
        }
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("--master is required: the master's URL, e.g. http://127.0.0.1:5050");
        }
        return List.copyOf(masters);
    }
}
