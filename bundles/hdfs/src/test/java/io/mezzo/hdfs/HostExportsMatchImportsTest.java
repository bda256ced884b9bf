package io.mezzo.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The host exports exactly the Hadoop packages this bundle imports: one missing and the bundle
 * does not resolve in Felix; one extra and the host leaks Hadoop internals.
 */
class HostExportsMatchImportsTest {
    private static final Path HOST_EXPORTS =
            Path.of("../../runtime/host/src/main/resources/io/mezzo/internal/container/host-exports.txt");
    private static final Pattern HADOOP_IMPORT = Pattern.compile("(org\\.apache\\.hadoop[\\w.]*);version=\"\\[3\\.5,4\\)\"");

    @Test
    void hostExportsEveryHadoopPackageTheBundleImportsAndNoOther() throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        String imports = manifest.getMainAttributes().getValue("Import-Package");
        Matcher m = HADOOP_IMPORT.matcher(imports);
        List<String> imported = m.results().map(r -> r.group(1)).sorted().toList();

        List<String> exported = Files.readAllLines(HOST_EXPORTS).stream().map(String::strip)
                .filter(line -> line.startsWith("org.apache.hadoop."))
                .map(line -> line.substring(0, line.indexOf(';'))).sorted().toList();

        assertThat(imported).as("every Hadoop import carries the [3.5,4) range").hasSize(
                (int) Arrays.stream(imports.split(",")).filter(c -> c.startsWith("org.apache.hadoop")).count());
        assertThat(imported).isNotEmpty().isEqualTo(exported);
        assertThat(Files.readAllLines(HOST_EXPORTS)).filteredOn(line -> line.startsWith("org.apache.hadoop."))
                .allMatch(line -> line.endsWith(";version=${hadoop.version}"));
    }
}
