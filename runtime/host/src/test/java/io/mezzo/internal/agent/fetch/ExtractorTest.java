package io.mezzo.internal.agent.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractorTest {
    @TempDir
    Path tmp;

    private Path sandbox() throws IOException {
        return Files.createDirectories(tmp.resolve("sandbox"));
    }

    private static Archives sample() {
        return new Archives().dir("app").file("app/run.sh", "#!/bin/sh\necho hi\n", 0755)
                .file("app/conf/settings.txt", "x=1\n", 0640);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.tar", "a.tar.gz", "a.tgz", "a.tar.bz2", "a.tbz2", "a.tar.xz", "a.txz", "a.zip"})
    void everyArchiveTypeIsExtractedWithItsFileModes(String name) throws IOException {
        Path archive = sample().write(tmp.resolve("in").resolve(name));
        Path sandbox = sandbox();

        assertThat(Extractor.extract(archive, name, sandbox)).isTrue();

        assertThat(sandbox.resolve("app/run.sh")).hasContent("#!/bin/sh\necho hi");
        assertThat(sandbox.resolve("app/conf/settings.txt")).hasContent("x=1");
        // rwxr-xr-x and rw-r----- as archived, not the umask's defaults
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("app/run.sh"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(sandbox.resolve("app/conf/settings.txt")))).isEqualTo("rw-r-----");
    }

    @Test
    void bareGzIsGunzippedBesideUnderItsNameWithoutGz() throws IOException {
        Path gz = Archives.gzip(tmp.resolve("notes.txt.gz"), "hello\n");
        Path sandbox = sandbox();

        assertThat(Extractor.extract(gz, "notes.txt.gz", sandbox)).isTrue();

        assertThat(sandbox.resolve("notes.txt")).hasContent("hello");
    }

    @Test
    void aFileWhoseNameIsNoArchiveIsLeftAlone() throws IOException {
        Path plain = Files.writeString(tmp.resolve("data.bin"), "raw");

        assertThat(Extractor.extract(plain, "data.bin", sandbox())).isFalse();
        assertThat(Extractor.kindOf("x.TGZ")).contains(Extractor.Kind.TAR_GZ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.tar", "evil.zip"})
    void entryClimbingOutOfTheSandboxIsRefusedByName(String name) throws IOException {
        Path archive = new Archives().file("ok.txt", "fine", 0644).file("../../escaped.txt", "bad", 0644)
                .write(tmp.resolve("in").resolve(name));
        Path sandbox = sandbox();

        assertThatThrownBy(() -> Extractor.extract(archive, name, sandbox))
                .hasMessageContaining("'../../escaped.txt'").hasMessageContaining("outside the sandbox");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
        assertThat(tmp.getParent().resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void absoluteEntryIsRefused() throws IOException {
        Path target = tmp.resolve("abs-target.txt");
        Path archive = new Archives().file(target.toString(), "bad", 0644).write(tmp.resolve("in/abs.zip"));

        assertThatThrownBy(() -> Extractor.extract(archive, "abs.zip", sandbox()))
                .hasMessageContaining("absolute path");
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"links.tar", "links.zip"})
    void symlinkPointingOutsideIsRefused(String name) throws IOException {
        Path archive = new Archives().symlink("passwd", "../../../../etc/passwd")
                .write(tmp.resolve("in").resolve(name));
        Path sandbox = sandbox();

        assertThatThrownBy(() -> Extractor.extract(archive, name, sandbox))
                .hasMessageContaining("'passwd'").hasMessageContaining("outside the sandbox");
        assertThat(sandbox.resolve("passwd")).doesNotExist();
    }

    @Test
    void absoluteSymlinkIsRefused() throws IOException {
        Path archive = new Archives().symlink("root", "/").write(tmp.resolve("in/abs-link.tar"));

        assertThatThrownBy(() -> Extractor.extract(archive, "abs-link.tar", sandbox()))
                .hasMessageContaining("'root'").hasMessageContaining("absolute");
    }

    @Test
    void symlinkChainThatLeavesOnlyOnceResolvedIsRefusedAndRemoved() throws IOException {
        // "here" -> "." looks harmless, and so does "sub/x" -> "../here/.." read lexically
        // (sub/x -> here/.. -> .), but the kernel resolves "here" first: sub/../here/.. is the
        // sandbox's parent.
        Path archive = new Archives().dir("sub").symlink("sub/here", ".").symlink("sub/x", "here/../..")
                .write(tmp.resolve("in/chain.tar"));
        Path sandbox = sandbox();

        assertThatThrownBy(() -> Extractor.extract(archive, "chain.tar", sandbox))
                .hasMessageContaining("'sub/x'").hasMessageContaining("outside the sandbox");
        assertThat(sandbox.resolve("sub/x")).doesNotExist();
    }

    @Test
    void symlinksInsideTheSandboxAreKept() throws IOException {
        Path archive = new Archives().file("lib/libx.so.1", "elf", 0755).dir("bin")
                .symlink("bin/libx.so", "../lib/libx.so.1").write(tmp.resolve("in/ok.tar.gz"));
        Path sandbox = sandbox();

        Extractor.extract(archive, "ok.tar.gz", sandbox);

        assertThat(Files.isSymbolicLink(sandbox.resolve("bin/libx.so"))).isTrue();
        assertThat(sandbox.resolve("bin/libx.so")).hasContent("elf");
    }

    @Test
    void hardLinkToAFileOutsideIsRefused() throws IOException {
        Path archive = new Archives().hardLink("shadow", "../../etc/shadow").write(tmp.resolve("in/hard.tar"));

        assertThatThrownBy(() -> Extractor.extract(archive, "hard.tar", sandbox()))
                .hasMessageContaining("'shadow'");
    }

    @Test
    void entryWrittenThroughALinkAlreadyInTheSandboxIsRefused() throws IOException {
        Path sandbox = sandbox();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(sandbox.resolve("out"), outside);
        Path archive = new Archives().file("out/planted.txt", "bad", 0644).write(tmp.resolve("in/through.tar"));

        assertThatThrownBy(() -> Extractor.extract(archive, "through.tar", sandbox))
                .hasMessageContaining("'out/planted.txt'");
        assertThat(outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void corruptArchiveFailsWithAnError() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.tgz"), "this is not gzip");

        assertThatThrownBy(() -> Extractor.extract(bad, "bad.tgz", sandbox())).isInstanceOf(IOException.class);
    }
}
