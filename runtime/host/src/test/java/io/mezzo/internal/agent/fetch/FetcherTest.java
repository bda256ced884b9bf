package io.mezzo.internal.agent.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.internal.hdfs.HdfsAccess;
import io.mezzo.internal.model.UriSpec;
import io.mezzo.spi.HdfsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
    @TempDir
    Path tmp;
    Path sandbox;
    Path files;
    FileServer server;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Files.createDirectories(tmp.resolve("sandbox"));
        files = Files.createDirectories(tmp.resolve("files"));
        server = new FileServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Fetcher fetcher(FetcherConfig config) throws IOException {
        return Fetcher.start(config, tmp.resolve("work"), HdfsAccess.none(
                new HdfsSettings(Optional.empty(), Optional.empty(), Duration.ofSeconds(5))));
    }

    private Fetcher fetcher() throws IOException {
        return fetcher(FetcherConfig.defaults().withCache(Optional.empty(), 0));
    }

    private static UriSpec uri(String value) {
        return new UriSpec(value, false, true, false, Optional.empty());
    }

    private void fetch(Fetcher fetcher, UriSpec... uris) throws FetchException {
        fetcher.fetch(List.of(uris), sandbox, Optional.of("alice"));
    }

    @Test
    void absolutePathAndFileUriAreCopiedUnderTheirBasename() throws Exception {
        Path a = Files.writeString(files.resolve("a.txt"), "A");
        Path b = Files.writeString(files.resolve("b.cfg"), "B");

        fetch(fetcher(), uri(a.toString()), uri("file://" + b));

        assertThat(sandbox.resolve("a.txt")).hasContent("A");
        assertThat(sandbox.resolve("b.cfg")).hasContent("B");
        assertThat(a).exists(); // copied, not moved
    }

    @Test
    void relativePathIsResolvedAgainstTheFrameworksHome() throws Exception {
        Files.writeString(Files.createDirectories(files.resolve("jobs")).resolve("job.sh"), "echo");

        fetch(fetcher(FetcherConfig.defaults().withFrameworksHome(files)), uri("jobs/job.sh"));

        assertThat(sandbox.resolve("job.sh")).hasContent("echo");
    }

    @Test
    void relativePathWithoutFrameworksHomeFailsNamingTheFlag() {
        assertThatThrownBy(() -> fetch(fetcher(), uri("jobs/job.sh")))
                .isInstanceOf(FetchException.class)
                .hasMessage("Failed to fetch 'jobs/job.sh': a relative path needs the agent flag --frameworks-home,"
                        + " which is not set");
    }

    @Test
    void missingLocalFileFailsNamingTheUri() {
        String missing = files.resolve("nope.tgz").toString();

        assertThatThrownBy(() -> fetch(fetcher(), uri(missing)))
                .hasMessage("Failed to fetch '" + missing + "': no such file '" + missing + "'");
    }

    @Test
    void httpUriIsDownloadedFollowingRedirects() throws Exception {
        server.serve("/files/tool.bin", Files.writeString(files.resolve("tool.bin"), "binary"))
                .redirect("/old/tool.bin", "/files/tool.bin");

        fetch(fetcher(), uri(server.url("/old/tool.bin")));

        // Named after the URI the task gave, as in Mesos, not after the redirect's target.
        assertThat(sandbox.resolve("tool.bin")).hasContent("binary");
    }

    @Test
    void httpErrorStatusFailsNamingUriAndStatus() {
        String url = server.url("/absent.tgz");

        assertThatThrownBy(() -> fetch(fetcher(), uri(url)))
                .hasMessage("Failed to fetch '" + url + "': the server answered HTTP 404 (expected 200)");
    }

    @Test
    void stalledDownloadFailsAfterTheStallTimeout() throws Exception {
        server.serve("/stuck.bin", Files.writeString(files.resolve("stuck.bin"), "x".repeat(10_000)))
                .hold("/stuck.bin");
        Fetcher fetcher = fetcher(FetcherConfig.defaults().withCache(Optional.empty(), 0)
                .withStallTimeout(Duration.ofMillis(300)));

        assertThatThrownBy(() -> fetch(fetcher, uri(server.url("/stuck.bin"))))
                .hasMessageStartingWith("Failed to fetch '" + server.url("/stuck.bin") + "': the download stalled");
    }

    @Test
    void unreachableServerFailsWithAClearReason() throws Exception {
        String url;
        try (FileServer gone = new FileServer()) {
            url = gone.url("/x.tgz");
        }

        assertThatThrownBy(() -> fetch(fetcher(), uri(url)))
                .hasMessageStartingWith("Failed to fetch '" + url + "': download failed: ");
    }

    @Test
    void unsupportedSchemeIsNamed() {
        assertThatThrownBy(() -> fetch(fetcher(), uri("ftp://example.org/a.tgz")))
                .hasMessage("Failed to fetch 'ftp://example.org/a.tgz': unsupported URI scheme 'ftp'"
                        + " (supported: file, http, https, hdfs, or a plain path)");
    }

    @Test
    void invalidUrisGiveClearErrors() {
        assertThatThrownBy(() -> fetch(fetcher(), uri("http://")))
                .hasMessageStartingWith("Failed to fetch 'http://': invalid URL");
        assertThatThrownBy(() -> fetch(fetcher(), uri("http://example.org/")))
                .hasMessageContaining("names no file");
        assertThatThrownBy(() -> fetch(fetcher(), uri("/tmp/it's.tgz")))
                .hasMessageContaining("illegal character");
        assertThatThrownBy(() -> fetch(fetcher(), uri("hdfs://nn:8020/a/../b.tgz")))
                .hasMessageStartingWith("Failed to fetch 'hdfs://nn:8020/a/../b.tgz': ")
                .hasMessageContaining("'..'");
    }

    @Test
    void hdfsUriWithoutAnHdfsServiceSaysSo() {
        assertThatThrownBy(() -> fetch(fetcher(), uri("hdfs://nn:8020/apps/a.tgz")))
                .hasMessage("Failed to fetch 'hdfs://nn:8020/apps/a.tgz': HDFS unreachable: no HDFS service is"
                        + " installed (deploy the HDFS bundle, e.g. mezzo-hdfs, into the bundles or deploy directory)");
    }

    @Test
    void executableIsChmodedAndNeverExtracted() throws Exception {
        Path archive = new Archives().file("inner.txt", "i", 0644).write(files.resolve("tool.tar.gz"));

        fetch(fetcher(), new UriSpec(archive.toString(), true, true, false, Optional.empty()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("tool.tar.gz"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(sandbox.resolve("inner.txt")).doesNotExist();
    }

    @Test
    void archivesAreExtractedByDefaultAndKeptBesideWhenFetchedDirectly() throws Exception {
        Path archive = new Archives().file("bin/run.sh", "#!/bin/sh", 0755).write(files.resolve("app.tgz"));

        fetch(fetcher(), uri(archive.toString()));

        assertThat(sandbox.resolve("bin/run.sh")).hasContent("#!/bin/sh");
        assertThat(Files.isExecutable(sandbox.resolve("bin/run.sh"))).isTrue();
        assertThat(sandbox.resolve("app.tgz")).exists();
    }

    @Test
    void extractFalseLeavesTheArchivePacked() throws Exception {
        Path archive = new Archives().file("inner.txt", "i", 0644).write(files.resolve("keep.zip"));

        fetch(fetcher(), new UriSpec(archive.toString(), false, false, false, Optional.empty()));

        assertThat(sandbox.resolve("keep.zip")).exists();
        assertThat(sandbox.resolve("inner.txt")).doesNotExist();
    }

    @Test
    void gzIsGunzipped() throws Exception {
        Path gz = Archives.gzip(files.resolve("data.csv.gz"), "a,b\n");

        fetch(fetcher(), uri(gz.toString()));

        assertThat(sandbox.resolve("data.csv")).hasContent("a,b");
    }

    @Test
    void outputFileRenamesAndMayNameASubdirectory() throws Exception {
        Path source = Files.writeString(files.resolve("v1.2.3.jar"), "jar");

        fetch(fetcher(), new UriSpec(source.toString(), false, true, false, Optional.of("lib/app.jar")));

        assertThat(sandbox.resolve("lib/app.jar")).hasContent("jar");
        assertThat(sandbox.resolve("v1.2.3.jar")).doesNotExist();
    }

    @Test
    void outputFileLeavingTheSandboxIsRefused() throws Exception {
        Path source = Files.writeString(files.resolve("x.txt"), "x");

        assertThatThrownBy(() -> fetch(fetcher(),
                new UriSpec(source.toString(), false, true, false, Optional.of("../x.txt"))))
                .hasMessage("Failed to fetch '" + source + "': output file '../x.txt' must not contain '..'");
        assertThatThrownBy(() -> fetch(fetcher(),
                new UriSpec(source.toString(), false, true, false, Optional.of("/tmp/x.txt"))))
                .hasMessageContaining("output file '/tmp/x.txt' must be a relative path");
        assertThat(tmp.resolve("x.txt")).doesNotExist();
    }

    @Test
    void urisAreFetchedInOrderAndTheFirstFailureStops() throws Exception {
        Path first = Files.writeString(files.resolve("first.txt"), "1");
        Path third = Files.writeString(files.resolve("third.txt"), "3");
        String missing = files.resolve("second.txt").toString();

        assertThatThrownBy(() -> fetch(fetcher(), uri(first.toString()), uri(missing), uri(third.toString())))
                .hasMessageStartingWith("Failed to fetch '" + missing + "'");
        assertThat(sandbox.resolve("first.txt")).exists();
        assertThat(sandbox.resolve("third.txt")).doesNotExist();
    }

    @Test
    void unsafeArchiveFailsTheFetchNamingUriAndEntry() throws Exception {
        Path archive = new Archives().file("../../evil.txt", "x", 0644).write(files.resolve("evil.tar"));

        assertThatThrownBy(() -> fetch(fetcher(), uri(archive.toString())))
                .hasMessageStartingWith("Failed to fetch '" + archive + "': cannot extract evil.tar: refused archive"
                        + " entry '../../evil.txt'");
    }
}
