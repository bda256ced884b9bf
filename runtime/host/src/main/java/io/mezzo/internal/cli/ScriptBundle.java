package io.mezzo.internal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What {@code mezzo submit} uploads: the script and every {@code *.js} below its directory
 * (task scripts), by relative path. Bounded, so a script left in a big directory is refused
 * with a reason instead of uploading the directory.
 */
record ScriptBundle(String name, String source, Map<String, String> files) {
    static final int MAX_FILES = 200;
    static final long MAX_BYTES = 1024 * 1024;

    ScriptBundle {
        files = Map.copyOf(files);
    }

    static ScriptBundle of(Path script) {
        return of(script, MAX_FILES, MAX_BYTES);
    }

    static ScriptBundle of(Path script, int maxFiles, long maxBytes) {
        Path file = script.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no framework script at " + script);
        }
        Path dir = file.getParent();
        List<Path> found;
        try (Stream<Path> walk = Files.walk(dir)) {
            // Hidden directories (.git, .idea) hold no task scripts.
            found = walk.filter(p -> !hidden(dir.relativize(p).toString().replace('\\', '/')))
                    .filter(p -> p.getFileName().toString().endsWith(".js") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (found.size() > maxFiles) {
            throw new IllegalArgumentException(script.getFileName() + "'s directory " + dir + " holds " + found.size()
                    + " *.js files; mezzo submit uploads at most " + maxFiles
                    + " (put the framework and its task scripts in a directory of their own)");
        }
        long bytes = 0;
        String source = null;
        Map<String, String> files = new TreeMap<>();
        for (Path p : found) {
            try {
                bytes += Files.size(p);
                if (bytes > maxBytes) {
                    throw new IllegalArgumentException("the *.js files below " + dir + " add up to more than "
                            + maxBytes / 1024 + " KiB, the most mezzo submit uploads (put the framework and its"
                            + " task scripts in a directory of their own)");
                }
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (p.equals(file)) {
                    source = text;
                } else {
                    files.put(dir.relativize(p).toString().replace('\\', '/'), text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        if (source == null) {
            throw new IllegalArgumentException(script + " is not a *.js file");
        }
        return new ScriptBundle(file.getFileName().toString(), source, files);
    }

    private static boolean hidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }

    /** The body of {@code POST /mezzo/frameworks}. */
    ObjectNode request(Map<String, String> params) {
        ObjectNode body = MezzoJson.mapper().createObjectNode().put("script", name).put("source", source);
        ObjectNode f = body.putObject("files");
        files.forEach(f::put);
        ObjectNode p = body.putObject("params");
        params.forEach(p::put);
        return body;
    }
}
