package io.mezzo.internal.hdfs;

import io.mezzo.api.HdfsUri;
import io.mezzo.internal.container.Plugin;
import io.mezzo.spi.Hdfs;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsSettings;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's way to HDFS: whichever HDFS plugin ranks highest, connected lazily with the
 * agent's (or command's) {@link HdfsSettings}. When the plugin is swapped live, the next call
 * closes the old client and connects through the new plugin. Without an HDFS bundle every call
 * fails with "no HDFS service is installed".
 *
 * <p>A plugin that throws something other than {@link HdfsException} fails that call with an
 * {@link HdfsException.Kind#IO} naming the plugin; it never reaches the caller as a runtime
 * exception. Calls are blocking (they wait up to the settings' timeout): workers only, never an
 * actor or an event loop. Thread-safe.
 */
public final class HdfsAccess implements HdfsClient {
    private static final Logger LOG = System.getLogger(HdfsAccess.class.getName());

    private final Supplier<Optional<Plugin<Hdfs>>> plugins;
    private final HdfsSettings settings;
    // Guarded by this.
    private Connection connection;
    private boolean closed;

    private record Connection(long serviceId, String plugin, HdfsClient client) {}

    /** An HDFS operation, typed by what it returns. */
    @FunctionalInterface
    private interface Call<R> {
        R on(HdfsClient client) throws HdfsException;
    }

    /** @param plugins the current HDFS plugin, e.g. {@code runtime.hdfs()::current} */
    public HdfsAccess(Supplier<Optional<Plugin<Hdfs>>> plugins, HdfsSettings settings) {
        this.plugins = plugins;
        this.settings = settings;
    }

    /** For agents without HDFS: every call fails saying no HDFS service is installed. */
    public static HdfsAccess none(HdfsSettings settings) {
        return new HdfsAccess(Optional::empty, settings);
    }

    public HdfsSettings settings() {
        return settings;
    }

    @Override
    public boolean exists(HdfsUri path) throws HdfsException {
        return call("exists", c -> c.exists(path));
    }

    @Override
    public long du(HdfsUri path) throws HdfsException {
        return call("du", c -> c.du(path));
    }

    @Override
    public void mkdirs(HdfsUri path) throws HdfsException {
        call("mkdirs", c -> {
            c.mkdirs(path);
            return null;
        });
    }

    @Override
    public void write(HdfsUri path, InputStream data, boolean overwrite) throws HdfsException {
        call("write", c -> {
            c.write(path, data, overwrite);
            return null;
        });
    }

    @Override
    public InputStream read(HdfsUri path) throws HdfsException {
        return call("read", c -> c.read(path));
    }

    @Override
    public List<HdfsEntry> list(HdfsUri path) throws HdfsException {
        return call("list", c -> c.list(path));
    }

    @Override
    public boolean delete(HdfsUri path, boolean recursive) throws HdfsException {
        return call("delete", c -> c.delete(path, recursive));
    }

    @Override
    public void copyToLocal(HdfsUri from, Path to) throws HdfsException {
        call("copyToLocal", c -> {
            c.copyToLocal(from, to);
            return null;
        });
    }

    @Override
    public void copyFromLocal(Path from, HdfsUri to, boolean overwrite) throws HdfsException {
        call("copyFromLocal", c -> {
            c.copyFromLocal(from, to, overwrite);
            return null;
        });
    }

    /** Closes the connection; later calls fail. */
    @Override
    public void close() {
        Connection last;
        synchronized (this) {
            closed = true;
            last = connection;
            connection = null;
        }
        if (last != null) {
            closeQuietly(last);
        }
    }

    private <R> R call(String operation, Call<R> call) throws HdfsException {
        Connection c = connection();
        try {
            return call.on(c.client());
        } catch (HdfsException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "HDFS plugin " + c.plugin() + " failed in " + operation, t);
            throw new HdfsException(HdfsException.Kind.IO, "the HDFS plugin " + c.plugin() + " failed in "
                    + operation + ": " + t);
        }
    }

    /** The client of the current plugin, connecting (or reconnecting after a swap) first. */
    private synchronized Connection connection() throws HdfsException {
        if (closed) {
            throw new HdfsException(HdfsException.Kind.INVALID, "the HDFS access is closed");
        }
        Optional<Plugin<Hdfs>> plugin = plugins.get();
        if (connection != null && plugin.map(p -> p.serviceId() == connection.serviceId()).orElse(false)) {
            return connection;
        }
        // The plugin left or was replaced: the old client goes with it.
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
        if (plugin.isEmpty()) {
            throw new HdfsException(HdfsException.Kind.UNREACHABLE, "no HDFS service is installed"
                    + " (deploy the HDFS bundle, e.g. mezzo-hdfs, into the bundles or deploy directory)");
        }
        connection = connect(plugin.get());
        return connection;
    }

    private Connection connect(Plugin<Hdfs> plugin) throws HdfsException {
        HdfsClient client;
        try {
            client = plugin.service().connect(settings);
        } catch (HdfsException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "HDFS plugin " + plugin.describe() + " failed to connect", t);
            throw new HdfsException(HdfsException.Kind.IO, "the HDFS plugin " + plugin.name()
                    + " failed to connect: " + t);
        }
        if (client == null) {
            throw new HdfsException(HdfsException.Kind.IO, "the HDFS plugin " + plugin.name() + " returned no client");
        }
        LOG.log(Level.INFO, "connected to HDFS through " + plugin.describe());
        return new Connection(plugin.serviceId(), plugin.name(), client);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.client().close();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "closing the HDFS client of " + c.plugin() + " failed: " + e);
        }
    }
}
