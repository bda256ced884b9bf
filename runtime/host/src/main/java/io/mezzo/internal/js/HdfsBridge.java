package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.HdfsUri;
import io.mezzo.internal.hdfs.HdfsServices;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.graalvm.polyglot.HostAccess;

/**
 * What a script's {@code hdfs} object ({@code ctx.hdfs} in frameworks, {@code task.hdfs} in
 * JS tasks) calls, through {@link HdfsScript}, which keeps it out of the script's reach. Only
 * {@code hdfs://} locations, or absolute paths on the default file system: never local files.
 * Every call answers JSON, {@code {"value": ...}} or {@code {"error", "type", "kind"}}, which
 * the script side returns or throws. Calls block the calling script's thread for up to the
 * HDFS timeout. Public because GraalJS only calls exported members of public classes.
 */
public final class HdfsBridge {
    /** The most {@code read} returns; larger files are for tasks to fetch or stream, not for a string. */
    public static final int MAX_READ_BYTES = 16 * 1024 * 1024;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Optional<Connector> client;
    private final Optional<URI> defaultFs;

    /** Where the client comes from: made on first use where connecting is not free (a task's JVM). */
    @FunctionalInterface
    public interface Connector {
        HdfsClient client() throws HdfsException;
    }

    /**
     * @param client    empty when HDFS is not configured: every call then throws saying so
     * @param defaultFs what {@code hdfs.uri} says, and what absolute paths resolve against
     */
    public HdfsBridge(Optional<Connector> client, Optional<URI> defaultFs) {
        this.client = client;
        this.defaultFs = defaultFs;
    }

    /** Scripts reaching {@code client}, whose default file system is {@code defaultFs}. */
    public static HdfsBridge of(HdfsClient client, Optional<URI> defaultFs) {
        return new HdfsBridge(Optional.of(() -> client), defaultFs);
    }

    /**
     * Scripts of a process without the OSGi container (a JS task, {@code mezzo run}): the HDFS
     * implementation is loaded ({@link HdfsServices}) and connected on the first call, so a
     * script that never uses HDFS never starts the Hadoop client. None when {@code settings}
     * name no HDFS.
     */
    public static HdfsBridge connectingOnFirstUse(HdfsSettings settings, Optional<Path> bundleJar) {
        if (!HdfsServices.configured(settings)) {
            return none();
        }
        Connector lazy = new Connector() {
            private HdfsClient client; // guarded by this; a failed connect is tried again by the next call

            @Override
            public synchronized HdfsClient client() throws HdfsException {
                if (client == null) {
                    client = HdfsServices.connect(settings, bundleJar);
                }
                return client;
            }
        };
        return new HdfsBridge(Optional.of(lazy), HdfsServices.defaultFs(settings));
    }

    /** For scripts of a process without HDFS. */
    public static HdfsBridge none() {
        return new HdfsBridge(Optional.empty(), Optional.empty());
    }

    /** {@code hdfs://host:port}, or null when no default file system is known. */
    @HostAccess.Export
    public String uri() {
        return defaultFs.map(u -> u.toString().replaceAll("/+$", "")).orElse(null);
    }

    @HostAccess.Export
    public String list(String path) {
        return answer("list", path, (c, uri) -> {
            ArrayNode entries = JSON.arrayNode();
            for (HdfsEntry e : c.list(uri)) {
                entries.addObject().put("path", e.path().toString()).put("directory", e.directory())
                        .put("length", e.length()).put("modified", e.modified().toEpochMilli());
            }
            return entries;
        });
    }

    @HostAccess.Export
    public String read(String path) {
        return answer("read", path, (c, uri) -> {
            byte[] bytes;
            try (InputStream in = c.read(uri)) {
                bytes = in.readNBytes(MAX_READ_BYTES + 1);
            } catch (IOException e) {
                throw new HdfsException(HdfsException.Kind.IO, "cannot read " + uri + ": " + e.getMessage(), e);
            }
            if (bytes.length > MAX_READ_BYTES) {
                throw ActionError.error("hdfs.read: " + uri + " is larger than " + MAX_READ_BYTES / (1024 * 1024)
                        + " MiB, the most read returns");
            }
            return JSON.textNode(new String(bytes, StandardCharsets.UTF_8));
        });
    }

    @HostAccess.Export
    public String write(String path, String text, boolean overwrite) {
        return answer("write", path, (c, uri) -> {
            c.write(uri, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), overwrite);
            return JSON.textNode(uri.toString());
        });
    }

    @HostAccess.Export
    public String exists(String path) {
        return answer("exists", path, (c, uri) -> JSON.booleanNode(c.exists(uri)));
    }

    @HostAccess.Export
    public String mkdirs(String path) {
        return answer("mkdirs", path, (c, uri) -> {
            c.mkdirs(uri);
            return JSON.textNode(uri.toString());
        });
    }

    @HostAccess.Export
    public String delete(String path, boolean recursive) {
        return answer("delete", path, (c, uri) -> JSON.booleanNode(c.delete(uri, recursive)));
    }

    /** An operation on one location. */
    @FunctionalInterface
    private interface Operation {
        JsonNode on(HdfsClient client, HdfsUri uri) throws HdfsException;
    }

    private String answer(String action, String path, Operation operation) {
        ObjectNode answer = JSON.objectNode();
        try {
            Connector c = client.orElseThrow(() -> ActionError.error("hdfs." + action + ": HDFS is not configured"
                    + " (give the process --hdfs-default-fs or --hadoop-conf-dir, or use mezzo local --hdfs)"));
            HdfsUri uri = resolve(action, path);
            answer.set("value", operation.on(c.client(), uri));
        } catch (ActionError e) {
            answer.put("error", e.getMessage()).put("type", e.jsType());
        } catch (HdfsException e) {
            answer.put("error", e.getMessage() + " (" + e.kind() + ")").put("type", "Error")
                    .put("kind", e.kind().name());
        } catch (RuntimeException e) {
            answer.put("error", "hdfs." + action + " failed: " + e).put("type", "Error").put("kind", "IO");
        }
        return MezzoJson.writeString(answer);
    }

    /** {@code hdfs://...} as it is; {@code /x} on the default file system; nothing else. */
    HdfsUri resolve(String action, String path) {
        if (path == null || path.isEmpty()) {
            throw ActionError.type("hdfs." + action + ": a path is required");
        }
        try {
            if (path.regionMatches(true, 0, "hdfs:", 0, 5)) {
                return HdfsUri.parse(path);
            }
            if (path.startsWith("/")) {
                return new HdfsUri(defaultFs.map(URI::getRawAuthority), path);
            }
        } catch (IllegalArgumentException e) {
            throw ActionError.type("hdfs." + action + ": " + e.getMessage());
        }
        throw ActionError.type("hdfs." + action + ": '" + path + "' is not an HDFS location; give"
                + " hdfs://namenode:port/path or an absolute path on the default file system (local files are"
                + " not reachable through hdfs)");
    }
}
