package io.mezzo.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.spi.Allocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class HostExportsTest {

    @Test
    void headerIsTheClausesJoinedByCommas() {
        assertThat(HostExports.packages()).contains("io.mezzo.api;version=1.1.0", "io.mezzo.spi;version=1.1.0");
        assertThat(HostExports.systemPackagesExtra()).isEqualTo(String.join(",", HostExports.packages()));
        assertThat(HostExports.systemPackagesExtra()).doesNotContain("${", " ");
    }

    @Test
    void exportsTheApiPackagesBundlesUseAndNoInternals() {
        List<String> names = HostExports.packages().stream().map(c -> c.substring(0, c.indexOf(';'))).toList();

        assertThat(names).contains("io.vertx.core", "io.vertx.core.http", "com.fasterxml.jackson.databind",
                "com.fasterxml.jackson.annotation", "org.apache.hadoop.fs", "org.apache.hadoop.conf");
        assertThat(names).noneMatch(n -> n.startsWith("io.mezzo.internal") || n.contains(".impl")
                || n.startsWith("io.netty") || n.startsWith("org.apache.hadoop.shaded"));
        assertThat(names).doesNotHaveDuplicates();
    }

    /**
     * Every exported package must exist in a host jar, at the version that jar declares: its
     * own Export-Package when it has one (Jackson, Mezzo's SPI), else its Implementation-Version
     * (Vert.x), else the version of its Maven coordinates (the shaded Hadoop client). Catches
     * typos, and a dependency bump the list was not updated for.
     */
    @Test
    void everyPackageIsOnTheClassPathAtTheVersionItsJarDeclares() throws Exception {
        List<Path> jars = new ArrayList<>();
        // Vert.x by name: compiling against its interfaces warns about its missing codegen annotations.
        for (Class<?> anchor : List.of(Allocator.class, Class.forName("io.vertx.core.Vertx"), JsonFactory.class,
                ObjectMapper.class, JsonProperty.class, Class.forName("org.apache.hadoop.fs.FileSystem"))) {
            jars.add(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        for (String clause : HostExports.packages()) {
            String pkg = clause.substring(0, clause.indexOf(';'));
            Version exported = Version.parseVersion(clause.substring(clause.indexOf("version=") + 8));
            Path jar = jars.stream().filter(j -> containsPackage(j, pkg)).findFirst()
                    .orElseThrow(() -> new AssertionError(pkg + " is in none of " + jars));

            assertThat(exported).as(pkg + " in " + jar.getFileName()).isEqualTo(declaredVersion(jar, pkg));
        }
    }

    private static boolean containsPackage(Path jarOrDir, String pkg) {
        String dir = pkg.replace('.', '/') + "/";
        return entries(jarOrDir).stream().anyMatch(e -> e.startsWith(dir) && e.endsWith(".class")
                && e.indexOf('/', dir.length()) < 0);
    }

    private static Version declaredVersion(Path jarOrDir, String pkg) {
        Manifest manifest = manifest(jarOrDir);
        String exports = manifest.getMainAttributes().getValue("Export-Package");
        if (exports != null) {
            String version = exportedVersions(exports).get(pkg);
            assertThat(version).as(pkg + " in the Export-Package of " + jarOrDir).isNotNull();
            return Version.parseVersion(version);
        }
        String implementation = manifest.getMainAttributes().getValue("Implementation-Version");
        return Version.parseVersion(implementation != null ? implementation : mavenVersion(jarOrDir));
    }

    /**
     * The version in the jar's own {@code pom.properties}: the one whose artifactId and version
     * name the jar file (a shaded jar carries the pom.properties of everything it bundles).
     */
    private static String mavenVersion(Path jar) {
        String file = jar.getFileName().toString();
        try (JarFile archive = new JarFile(jar.toFile())) {
            for (var entry : archive.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).toList()) {
                java.util.Properties pom = new java.util.Properties();
                try (InputStream in = archive.getInputStream(entry)) {
                    pom.load(in);
                }
                if (file.equals(pom.getProperty("artifactId") + "-" + pom.getProperty("version") + ".jar")) {
                    return pom.getProperty("version");
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(jar + " declares no version: no Export-Package, Implementation-Version"
                + " or matching pom.properties");
    }

    /** Package → version from an Export-Package header (commas inside quotes do not split). */
    private static Map<String, String> exportedVersions(String header) {
        Map<String, String> versions = new HashMap<>();
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString());
        for (String clause : clauses) {
            List<String> packages = new ArrayList<>();
            String version = "0.0.0";
            for (String part : clause.split(";")) {
                String p = part.strip();
                if (p.startsWith("version=")) {
                    version = p.substring("version=".length()).replace("\"", "");
                } else if (!p.contains("=")) {
                    packages.add(p);
                }
            }
            for (String p : packages) {
                versions.put(p, version);
            }
        }
        return versions;
    }

    private static List<String> entries(Path jarOrDir) {
        if (Files.isDirectory(jarOrDir)) {
            try (Stream<Path> files = Files.walk(jarOrDir)) {
                return files.map(f -> jarOrDir.relativize(f).toString().replace('\\', '/')).toList();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        try (JarFile jar = new JarFile(jarOrDir.toFile())) {
            return jar.stream().map(e -> e.getName()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Manifest manifest(Path jarOrDir) {
        try {
            if (Files.isDirectory(jarOrDir)) {
                try (InputStream in = Files.newInputStream(jarOrDir.resolve("META-INF/MANIFEST.MF"))) {
                    return new Manifest(in);
                }
            }
            try (JarFile jar = new JarFile(jarOrDir.toFile())) {
                return jar.getManifest();
            }
        } catch (IOException e) {
            throw new AssertionError("no manifest in " + jarOrDir, e);
        }
    }
}
