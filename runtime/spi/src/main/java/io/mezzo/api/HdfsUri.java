package io.mezzo.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A location in HDFS, validated: {@code hdfs://namenode[:port]/absolute/path}, or
 * {@code hdfs:///absolute/path} for the configured default file system. No user info, query
 * or fragment; the path is absolute, normalized, and has no {@code .} or {@code ..} segment.
 *
 * @param authority {@code host} or {@code host:port}; empty for the default file system
 * @param path      the absolute path, {@code /} for the root
 */
public record HdfsUri(Optional<String> authority, String path) {
    public HdfsUri {
        if (authority == null || path == null) {
            throw new IllegalArgumentException("an HDFS location needs an authority (or none) and a path");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("HDFS path '" + path + "' must be absolute");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("HDFS path '" + path + "' must not contain '" + segment + "'");
            }
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.contains("//") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("HDFS path '" + path + "' has an empty segment or a NUL");
        }
    }

    /**
     * Parses {@code hdfs://host:port/path}. Throws {@link IllegalArgumentException} naming the
     * input and what is wrong with it.
     */
    public static HdfsUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an HDFS URI is required");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid HDFS URI '" + text + "': " + e.getReason());
        }
        if (!"hdfs".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("invalid HDFS URI '" + text + "': the scheme must be hdfs");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("invalid HDFS URI '" + text
                    + "': user info, query and fragment are not allowed");
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw new IllegalArgumentException("invalid HDFS URI '" + text + "': bad host or port");
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        try {
            return new HdfsUri(Optional.ofNullable(uri.getRawAuthority()), path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid HDFS URI '" + text + "': " + e.getMessage());
        }
    }

    /** The NameNode's host, when named. */
    public Optional<String> host() {
        return authority.map(a -> URI.create("hdfs://" + a).getHost());
    }

    /** The NameNode's port, when named. */
    public OptionalInt port() {
        int port = authority.map(a -> URI.create("hdfs://" + a).getPort()).orElse(-1);
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The location's last path segment; empty for the root. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code child} below this location (one or more segments, no leading slash). */
    public HdfsUri resolve(String child) {
        if (child.startsWith("/")) {
            throw new IllegalArgumentException("'" + child + "' must be relative");
        }
        return new HdfsUri(authority, (path.equals("/") ? "" : path) + "/" + child);
    }

    @Override
    public String toString() {
        return "hdfs://" + authority.orElse("") + path;
    }
}
