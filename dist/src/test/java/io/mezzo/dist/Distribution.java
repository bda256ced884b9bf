package io.mezzo.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** The assembled distribution under test ({@code target/mezzo}) and helpers around it. */
final class Distribution {
    static final List<String> SYSTEM_BUNDLES = List.of("org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component", "org.apache.felix.scr", "org.apache.felix.fileinstall");
    static final List<String> MEZZO_BUNDLES = List.of("io.mezzo.allocator.drf", "io.mezzo.authenticator",
            "io.mezzo.authorizer", "io.mezzo.hdfs", "io.mezzo.launcher");

    private Distribution() {
    }

    static Path home() {
        Path dir = Path.of(System.getProperty("mezzo.dist.dir", "target/mezzo"));
        if (!Files.isDirectory(dir.resolve("lib"))) {
            throw new IllegalStateException("no distribution at " + dir.toAbsolutePath()
                    + "; these tests run in integration-test, after package");
        }
        return dir;
    }

    /** A fresh directory for one test's framework storage and deploy directory. */
    static Path work(String name) throws IOException {
        Path base = Path.of(System.getProperty("mezzo.test.work", "target/it-work"));
        return Files.createDirectories(base).resolve(name + "-" + System.nanoTime());
    }

    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The jar's Bundle-SymbolicName without directives; empty for a plain jar. */
    static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? "" : name.split(";", 2)[0].strip();
        }
    }

    /** Writes a bundle jar: a manifest with these headers and the class files of {@code classes}. */
    static Path writeBundle(Path jar, List<String> headers, Class<?>... classes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        for (String header : headers) {
            int colon = header.indexOf(':');
            main.putValue(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                zip.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return jar;
    }
}
