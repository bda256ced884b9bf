package io.mezzo.hdfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.HdfsUri;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import io.mezzo.spi.HdfsSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;

/** The metadata operations, reading and writing, configuration and permissions. */
class HadoopHdfsClientTest extends HdfsTestBase {

    @Test
    void writtenFileReadsBackAndExists() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        HdfsUri file = at("deep/er/blob.bin");

        assertThat(client.exists(file)).isFalse();
        client.write(file, new ByteArrayInputStream(data), false);

        assertThat(client.exists(file)).isTrue();
        try (InputStream in = client.read(file)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void writeRefusesAnExistingFileUnlessOverwriting() throws Exception {
        HdfsUri file = at("a.txt");
        client.write(file, text("first"), false);

        assertThatThrownBy(() -> client.write(file, text("second"), false))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ALREADY_EXISTS))
                .hasMessageContaining("cannot write " + file);
        assertThat(readAll(file)).isEqualTo("first");

        client.write(file, text("third"), true);
        assertThat(readAll(file)).isEqualTo("third");
    }

    @Test
    void mkdirsCreatesParentsAndAcceptsAnExistingDirectory() throws Exception {
        HdfsUri nested = at("x/y/z");
        client.mkdirs(nested);
        client.mkdirs(nested);

        assertThat(client.list(at("x"))).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo(at("x/y")))
                .satisfies(e -> assertThat(e.directory()).isTrue());
    }

    @Test
    void mkdirsOverAFileIsRefused() throws Exception {
        client.write(at("file"), text("x"), false);

        assertThatThrownBy(() -> client.mkdirs(at("file/sub")))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ALREADY_EXISTS));
    }

    @Test
    void listIsSortedByPathAndAFileListsAsItself() throws Exception {
        client.write(at("c.txt"), text("ccc"), false);
        client.write(at("a.txt"), text("a"), false);
        client.mkdirs(at("b"));

        List<HdfsEntry> entries = client.list(HdfsUri.parse("hdfs://" + hdfs.authority() + dir));

        assertThat(entries).extracting(HdfsEntry::path).containsExactly(at("a.txt"), at("b"), at("c.txt"));
        assertThat(entries).extracting(HdfsEntry::directory).containsExactly(false, true, false);
        assertThat(entries).extracting(HdfsEntry::length).containsExactly(1L, 0L, 3L);
        assertThat(entries.get(0).modified()).isAfter(java.time.Instant.EPOCH);
        assertThat(client.list(at("c.txt"))).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo(at("c.txt")))
                .satisfies(e -> assertThat(e.length()).isEqualTo(3));
    }

    @Test
    void duOfADirectoryCountsEverythingBelowIt() throws Exception {
        client.write(at("d/one"), text("12345"), false);
        client.write(at("d/sub/two"), text("1234567"), false);

        assertThat(client.du(at("d"))).isEqualTo(12);
        assertThat(client.du(at("d/sub/two"))).isEqualTo(7);
    }

    @Test
    void deleteRemovesAFileAndANonEmptyDirectoryOnlyWhenRecursive() throws Exception {
        client.write(at("tree/leaf"), text("x"), false);
        client.write(at("single"), text("x"), false);

        assertThat(client.delete(at("single"), false)).isTrue();
        assertThatThrownBy(() -> client.delete(at("tree"), false))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ALREADY_EXISTS))
                .hasMessageContaining("not empty");
        assertThat(client.exists(at("tree/leaf"))).isTrue();

        assertThat(client.delete(at("tree"), true)).isTrue();
        assertThat(client.exists(at("tree"))).isFalse();
        assertThat(client.delete(at("tree"), true)).as("nothing left to delete").isFalse();
    }

    @Test
    void missingPathIsNotFoundAndTheMessageNamesIt() {
        HdfsUri missing = at("nope");

        for (ThrowingOperation op : List.<ThrowingOperation>of(() -> client.read(missing), () -> client.du(missing),
                () -> client.list(missing), () -> client.copyToLocal(missing, local.resolve("out")))) {
            assertThatThrownBy(op::run)
                    .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("no such file");
        }
        assertThat(local.resolve("out")).doesNotExist();
    }


    @Test
    void locationWithoutAuthorityGoesToTheDefaultFileSystem() throws Exception {
        HdfsUri noAuthority = HdfsUri.parse("hdfs:///" + dir.substring(1) + "/x.txt");
        assertThat(noAuthority.authority()).isEmpty();

        client.write(noAuthority, text("via default"), false);

        assertThat(readAll(at("x.txt"))).isEqualTo("via default");
    }

    @Test
    void locationWithoutAuthorityIsInvalidWithoutADefaultFileSystem() throws Exception {
        try (HdfsClient noDefault = new HadoopHdfs().connect(
                new HdfsSettings(Optional.empty(), Optional.empty(), Duration.ofSeconds(5)))) {
            HdfsUri noAuthority = HdfsUri.parse("hdfs:///x");

            assertThatThrownBy(() -> noDefault.exists(noAuthority))
                    .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
                    .hasMessageContaining("hdfs:///x").hasMessageContaining("default file system");
            // A location naming its NameNode still works without a default.
            noDefault.write(at("named.txt"), text("named"), false);
            assertThat(noDefault.exists(at("named.txt"))).isTrue();
        }
    }

    @Test
    void defaultFileSystemComesFromTheConfigurationDirectory() throws Exception {
        Path conf = Files.createDirectories(local.resolve("conf"));
        Files.writeString(conf.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration><property>"
                + "<name>fs.defaultFS</name><value>" + hdfs.uri() + "</value></property></configuration>\n");
        client.write(at("conf.txt"), text("from conf"), false);

        try (HdfsClient fromConf = new HadoopHdfs().connect(
                new HdfsSettings(Optional.of(conf), Optional.empty(), Duration.ofSeconds(10)))) {
            assertThat(fromConf.exists(HdfsUri.parse("hdfs://" + dir + "/conf.txt"))).isTrue();
            assertThat(fromConf.exists(HdfsUri.parse("hdfs://" + dir + "/other.txt"))).isFalse();
        }
    }

    @Test
    void missingConfigurationDirectoryIsInvalidAndNamed() {
        Path missing = local.resolve("no-such-conf");

        assertThatThrownBy(() -> new HadoopHdfs().connect(
                new HdfsSettings(Optional.of(missing), Optional.empty(), Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void anotherUserIsDeniedAPrivateFile() throws Exception {
        var admin = hdfs.admin();
        org.apache.hadoop.fs.Path secret = new org.apache.hadoop.fs.Path(dir + "/secret");
        admin.mkdirs(secret, new FsPermission((short) 0700));
        admin.setPermission(secret, new FsPermission((short) 0700));
        try (var out = admin.create(new org.apache.hadoop.fs.Path(secret, "file"))) {
            out.write("private".getBytes(UTF_8));
        }
        UserGroupInformation bob = UserGroupInformation.createRemoteUser("bob");
        HdfsClient asBob = bob.doAs((PrivilegedExceptionAction<HdfsClient>) () ->
                new HadoopHdfs().connect(settings(Duration.ofSeconds(10))));

        try (asBob) {
            assertThatThrownBy(() -> asBob.read(at("secret/file")))
                    .isInstanceOfSatisfying(HdfsException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED))
                    .hasMessageContaining("cannot read " + at("secret/file")).hasMessageContaining("bob");
            assertThatThrownBy(() -> asBob.write(at("secret/other"), text("x"), false))
                    .isInstanceOfSatisfying(HdfsException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED));
        }
        assertThat(readAll(at("secret/file"))).as("the superuser still can").isEqualTo("private");
    }

    @Test
    void closedClientRefusesFurtherCalls() throws Exception {
        HdfsClient shortLived = new HadoopHdfs().connect(settings(Duration.ofSeconds(10)));
        shortLived.write(at("x"), text("x"), false);
        shortLived.close();

        assertThatThrownBy(() -> shortLived.exists(at("x")))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.IO))
                .hasMessageContaining("closed");
    }

    @Test
    void clientsAreIndependent() throws Exception {
        HdfsClient other = new HadoopHdfs().connect(settings(Duration.ofSeconds(10)));
        other.exists(at("anything"));
        other.close();

        client.write(at("still.txt"), text("open"), false);
        assertThat(readAll(at("still.txt"))).as("closing one client must not close another's FileSystem")
                .isEqualTo("open");
    }

    @Test
    void readStreamRespectsItsBoundsAndIsClosable() throws Exception {
        client.write(at("bytes"), new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}), false);
        byte[] buffer = new byte[10];
        Arrays.fill(buffer, (byte) 9);

        try (InputStream in = client.read(at("bytes"))) {
            assertThat(in.read()).isEqualTo(1);
            int n = in.read(buffer, 3, 7);
            assertThat(n).isEqualTo(4);
            assertThat(buffer).containsExactly(9, 9, 9, 2, 3, 4, 5, 9, 9, 9);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

}
