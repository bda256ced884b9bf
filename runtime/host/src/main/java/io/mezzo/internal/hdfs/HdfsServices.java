package io.mezzo.internal.hdfs;

import io.mezzo.internal.runtime.MezzoHome;
import io.mezzo.spi.Hdfs;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * HDFS for processes without the OSGi container (a JS task's JVM, {@code mezzo dfs},
 * {@code mezzo run}), and the facts about the HDFS bundle the agent hands its JS tasks. The
 * implementation is found with {@link ServiceLoader}: on the class path first (a task JVM gets
 * the bundle jar there), else in the bundle jar itself, loaded beside the host's class path
 * (which carries the SPI and the shaded Hadoop client the bundle imports).
 */
public final class HdfsServices {
    /** The bundle jar's file name starts with this ({@code mezzo-hdfs.jar} in a distribution). */
    public static final String BUNDLE_PREFIX = "mezzo-hdfs";
    private static final Logger LOG = System.getLogger(HdfsServices.class.getName());

    private HdfsServices() {
    }

    /**
     * A client for {@code settings}; the implementation comes from the class path, else from
     * {@code bundleJar}. Fails with {@link HdfsException.Kind#UNREACHABLE} when neither has one.
     */
    public static HdfsClient connect(HdfsSettings settings, Optional<Path> bundleJar) throws HdfsException {
        return load(bundleJar).orElseThrow(() -> new HdfsException(HdfsException.Kind.UNREACHABLE,
                "no HDFS implementation found: " + bundleJar.map(j -> "none in " + j)
                        .orElse("no " + BUNDLE_PREFIX + " jar in the distribution's bundles directory")))
                .connect(settings);
    }

    /** The first {@link Hdfs} on the class path, else in {@code bundleJar}. */
    public static Optional<Hdfs> load(Optional<Path> bundleJar) {
        ClassLoader host = HdfsServices.class.getClassLoader();
        Optional<Hdfs> found = first(ServiceLoader.load(Hdfs.class, host));
        if (found.isPresent() || bundleJar.isEmpty()) {
            return found;
        }
        try {
            // Never closed: the implementation's classes are used until the process exits.
            URLClassLoader loader = new URLClassLoader("mezzo-hdfs", new URL[] {bundleJar.get().toUri().toURL()}, host);
            return first(ServiceLoader.load(Hdfs.class, loader));
        } catch (MalformedURLException e) {
            LOG.log(Level.WARNING, "cannot load " + bundleJar.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Hdfs> first(ServiceLoader<Hdfs> loader) {
        Iterator<Hdfs> services = loader.iterator();
        try {
            return services.hasNext() ? Optional.of(services.next()) : Optional.empty();
        } catch (ServiceConfigurationError e) {
            LOG.log(Level.WARNING, "cannot load the HDFS implementation: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The HDFS bundle jar in a distribution's {@code bundles/} directory, if there is one. */
    public static Optional<Path> bundleJarIn(Path bundlesDir) {
        if (!Files.isDirectory(bundlesDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(bundlesDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(BUNDLE_PREFIX)
                    && p.getFileName().toString().endsWith(".jar")).sorted().findFirst();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + bundlesDir + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The HDFS bundle jar of the distribution this process runs from, if any. */
    public static Optional<Path> distributionBundleJar() {
        try {
            return bundleJarIn(MezzoHome.locate().resolve("bundles"));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * The jar {@code type} was loaded from: its bundle's location when an OSGi bundle loaded it
     * (the HDFS service of the host's container), else its code source.
     */
    public static Optional<Path> jarOf(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle != null) {
            return jarAt(bundle.getLocation());
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? Optional.empty()
                : jarAt(source.getLocation().toString());
    }

    private static Optional<Path> jarAt(String location) {
        String url = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            URI uri = new URI(url);
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                return Optional.empty();
            }
            Path path = Path.of(uri);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The default file system {@code settings} lead to: the explicit one, else
     * {@code fs.defaultFS} of the configuration directory's {@code core-site.xml} when it is an
     * {@code hdfs://} URI.
     */
    public static Optional<URI> defaultFs(HdfsSettings settings) {
        if (settings.defaultFs().isPresent()) {
            return settings.defaultFs();
        }
        return settings.confDir().map(d -> d.resolve("core-site.xml")).filter(Files::isRegularFile)
                .flatMap(HdfsServices::defaultFsIn);
    }

    /** True when the settings name an HDFS at all (a default file system or a configuration directory). */
    public static boolean configured(HdfsSettings settings) {
        return settings.defaultFs().isPresent() || settings.confDir().isPresent();
    }

    private static Optional<URI> defaultFsIn(Path coreSite) {
        try (InputStream in = Files.newInputStream(coreSite)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList properties = document.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                String name = text(property, "name");
                if ("fs.defaultFS".equals(name) || "fs.default.name".equals(name)) {
                    URI uri = new URI(text(property, "value"));
                    return "hdfs".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                            ? Optional.of(uri) : Optional.empty();
                }
            }
        } catch (IOException | ParserConfigurationException | SAXException | URISyntaxException e) {
            LOG.log(Level.WARNING, "cannot read fs.defaultFS from " + coreSite + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
