package io.mezzo.internal.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small real bundle jars for tests. */
final class TestBundles {
    private TestBundles() {
    }

    /** A bundle made of a manifest (with these headers) and copies of these classes' files. */
    static Path write(Path jar, String symbolicName, Map<String, String> headers, Class<?>... classes)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Bundle-ManifestVersion", "2");
        all.put("Bundle-SymbolicName", symbolicName);
        all.put("Bundle-Version", "1.0.0");
        all.putAll(headers);
        all.forEach((name, value) -> main.put(new Attributes.Name(name), value));
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Moves a finished jar into a watched directory in one step, so FileInstall never sees half a jar. */
    static Path drop(Path jar, Path dir) throws IOException {
        return Files.move(jar, dir.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
}
