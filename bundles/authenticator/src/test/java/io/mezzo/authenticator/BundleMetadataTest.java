package io.mezzo.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What bnd generated into target/classes (it runs before the tests, at process-classes). */
class BundleMetadataTest {
    private static final Path CLASSES = Path.of("target", "classes");
    /** The one list of packages the host exports to bundles, in the host module. */
    private static final Path HOST_EXPORTS = Path.of("..", "..", "runtime", "host", "src", "main", "resources",
            "io", "mezzo", "internal", "container", "host-exports.txt");

    @Test
    void theComponentIsDeclaredAsTheAuthenticatorService() throws IOException {
        Path descriptor = CLASSES.resolve("OSGI-INF/io.mezzo.authenticator.CredentialsAuthenticator.xml");
        assertThat(descriptor).exists();
        String xml = Files.readString(descriptor);
        assertThat(xml).contains("<provide interface=\"io.mezzo.spi.Authenticator\"/>",
                "<implementation class=\"io.mezzo.authenticator.CredentialsAuthenticator\"/>",
                "name=\"service.ranking\" type=\"Integer\" value=\"0\"");
        assertThat(manifest().getValue("Service-Component"))
                .isEqualTo("OSGI-INF/io.mezzo.authenticator.CredentialsAuthenticator.xml");
    }

    @Test
    void theBundleExportsNothingAndImportsOnlyWhatTheHostAndTheJdkProvide() throws IOException {
        Attributes manifest = manifest();
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("io.mezzo.authenticator");
        assertThat(manifest.getValue("Export-Package")).isNull();

        List<String> hostExports = hostExports();
        List<String> imports = packageNames(manifest.getValue("Import-Package"));
        assertThat(imports).contains("io.mezzo.spi", "javax.security.sasl", "javax.security.auth.callback");
        assertThat(imports).allSatisfy(name -> assertThat(
                name.startsWith("java.") || name.startsWith("javax.security.") || hostExports.contains(name))
                .as("%s is provided by the JDK or exported by the host", name).isTrue());
    }

    private static Attributes manifest() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    private static List<String> hostExports() throws IOException {
        assertThat(HOST_EXPORTS).exists();
        try (Stream<String> lines = Files.lines(HOST_EXPORTS)) {
            return lines.map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split(";", 2)[0])
                    .toList();
        }
    }

    /** The package names of an OSGi header, skipping the commas inside quoted version ranges. */
    private static List<String> packageNames(String header) {
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                names.add(clause.toString().split(";", 2)[0].strip());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
