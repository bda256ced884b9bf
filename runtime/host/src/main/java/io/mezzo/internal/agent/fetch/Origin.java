package io.mezzo.internal.agent.fetch;

import io.mezzo.api.HdfsUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one {@code CommandInfo.URI} comes from, decided by its scheme as Mesos's fetcher does:
 * no scheme or {@code file://} is a local file, {@code http(s)://} is downloaded, {@code hdfs://}
 * goes through the HDFS service. Mesos hands every other scheme to the Hadoop CLI; Mezzo names
 * it as unsupported instead.
 */
sealed interface Origin {
    /** The file name the fetch result gets in the sandbox, when no {@code output_file} is given. */
    String basename();

    /** A local file: {@code /abs/path}, {@code file:///abs/path}, or a path relative to the frameworks home. */
    record Local(Path path) implements Origin {
        @Override
        public String basename() {
            return path.getFileName().toString();
        }
    }

    /** An {@code http://} or {@code https://} URL. */
    record Http(URI uri, String basename) implements Origin {}

    /** An {@code hdfs://} location. */
    record Hdfs(HdfsUri uri) implements Origin {
        @Override
        public String basename() {
            return uri.name();
        }
    }

    Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);

    /** Parses a URI's {@code value}; the error says what is wrong with it (the caller names the URI). */
    static Origin parse(String value, Optional<Path> frameworksHome) throws FetchException {
        String text = value.strip();
        // Mesos refuses these outright: they would break out of its shell quoting and file names.
        if (text.isEmpty() || text.indexOf('\\') >= 0 || text.indexOf('\'') >= 0 || text.indexOf('\0') >= 0) {
            throw new FetchException(value, "the URI is empty or contains an illegal character (\\, ' or NUL)");
        }
        java.util.regex.Matcher m = SCHEME.matcher(text);
        if (!m.matches()) {
            return local(value, text, frameworksHome);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return local(value, text.substring("file://".length()), frameworksHome);
            case "http", "https":
                return http(value, text);
            case "hdfs":
                return hdfs(value, text);
            default:
                throw new FetchException(value, "unsupported URI scheme '" + scheme
                        + "' (supported: file, http, https, hdfs, or a plain path)");
        }
    }

    private static Origin local(String value, String pathText, Optional<Path> frameworksHome) throws FetchException {
        Path path;
        try {
            path = Path.of(pathText);
        } catch (InvalidPathException e) {
            throw new FetchException(value, "invalid local path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            if (frameworksHome.isEmpty()) {
                throw new FetchException(value, "a relative path needs the agent flag --frameworks-home,"
                        + " which is not set");
            }
            path = frameworksHome.get().resolve(path);
        }
        path = path.normalize();
        if (path.getFileName() == null) {
            throw new FetchException(value, "the path names no file");
        }
        return new Local(path);
    }

    private static Origin http(String value, String text) throws FetchException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new FetchException(value, "invalid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new FetchException(value, "invalid URL: no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new FetchException(value, "the URL's path names no file (use output_file or a path like /x.tgz)");
        }
        return new Http(uri, name);
    }

    private static Origin hdfs(String value, String text) throws FetchException {
        HdfsUri uri;
        try {
            uri = HdfsUri.parse(text);
        } catch (IllegalArgumentException e) {
            throw new FetchException(value, e.getMessage());
        }
        if (uri.name().isEmpty()) {
            throw new FetchException(value, "the HDFS path names no file");
        }
        return new Hdfs(uri);
    }
}
