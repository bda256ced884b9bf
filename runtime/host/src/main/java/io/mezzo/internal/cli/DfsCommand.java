package io.mezzo.internal.cli;

import io.mezzo.api.HdfsUri;
import io.mezzo.internal.hdfs.HdfsServices;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mezzo dfs ls|put|get|rm}: a small HDFS client on the distribution's HDFS bundle,
 * loaded without the OSGi container. Exit 0 on success, 1 when HDFS refuses (the message names
 * the location and the kind of failure), 2 on bad usage.
 */
@Command(name = "dfs", mixinStandardHelpOptions = true,
        description = {"A small HDFS client: list, upload, download and remove files.",
                "Locations are hdfs://namenode:port/path, or /path (or hdfs:///path) on the default file system"
                        + " (--hdfs-default-fs, or fs.defaultFS in --hadoop-conf-dir's core-site.xml).",
                "Exit 0 on success, 1 when HDFS refuses (naming the location and why), 2 on bad usage."},
        subcommands = {DfsCommand.Ls.class, DfsCommand.Put.class, DfsCommand.Get.class, DfsCommand.Rm.class},
        footer = {"%nExamples:",
                "  mezzo dfs ls --hdfs-default-fs hdfs://127.0.0.1:8020 /mezzo",
                "  mezzo dfs put --hdfs-default-fs hdfs://127.0.0.1:8020 words.txt /data/words.txt",
                "  mezzo dfs get --hadoop-conf-dir /etc/hadoop/conf /data/words.txt ./words.txt",
                "  mezzo dfs rm -r hdfs://namenode:8020/tmp/run-1"})
final class DfsCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: ls, put, get or rm");
    }

    /** What every subcommand does: connect, run, turn HDFS failures into exit 1. */
    abstract static class Operation implements Callable<Integer> {
        @Mixin
        HdfsOptions hdfs;

        @Spec
        CommandLine.Model.CommandSpec spec;

        abstract void on(HdfsClient client, PrintWriter out) throws HdfsException;

        @Override
        public Integer call() {
            validate();
            try (HdfsClient client = HdfsServices.connect(hdfs.settings(), HdfsServices.distributionBundleJar())) {
                on(client, spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (HdfsException e) {
                spec.commandLine().getErr().println("mezzo dfs " + spec.name() + ": " + e.getMessage()
                        + " (" + e.kind() + ")");
                return 1;
            }
        }

        /** Bad arguments throw a {@link CommandLine.ParameterException}: exit 2. */
        void validate() {
        }

        HdfsUri location(String text) {
            try {
                if (text.regionMatches(true, 0, "hdfs:", 0, 5)) {
                    return HdfsUri.parse(text);
                }
                if (text.startsWith("/")) {
                    // Named in full, so messages and listings say which file system was meant.
                    return new HdfsUri(HdfsServices.defaultFs(hdfs.settings()).map(URI::getRawAuthority), text);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + text + "' is not an HDFS location:"
                    + " give hdfs://namenode:port/path or an absolute path on the default file system");
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "List a directory (or show a file): type (d or -), length, modification time (UTC), path.")
    static final class Ls extends Operation {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneOffset.UTC);

        @Parameters(index = "0", paramLabel = "URI", description = "The directory or file.")
        String path;

        @Override
        void on(HdfsClient client, PrintWriter out) throws HdfsException {
            for (HdfsEntry e : client.list(location(path))) {
                out.printf("%s %12d %s %s%n", e.directory() ? "d" : "-", e.length(), TIME.format(e.modified()),
                        e.path());
            }
        }

        @Override
        void validate() {
            location(path);
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Upload a local file (or directory) to HDFS, creating parent directories.")
    static final class Put extends Operation {
        @Parameters(index = "0", paramLabel = "LOCAL", description = "The local file or directory.")
        Path local;

        @Parameters(index = "1", paramLabel = "URI", description = "Where it goes in HDFS.")
        String path;

        @Option(names = {"-f", "--force"}, description = "Replace the target if it exists.")
        boolean overwrite;

        @Override
        void validate() {
            location(path);
            if (!Files.exists(local)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no local file or directory " + local);
            }
        }

        @Override
        void on(HdfsClient client, PrintWriter out) throws HdfsException {
            client.copyFromLocal(local.toAbsolutePath().normalize(), location(path), overwrite);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Download a file (or directory) from HDFS to a local path that does not exist yet.")
    static final class Get extends Operation {
        @Parameters(index = "0", paramLabel = "URI", description = "The file or directory in HDFS.")
        String path;

        @Parameters(index = "1", paramLabel = "LOCAL", description = "The local path to create.")
        Path local;

        @Override
        void validate() {
            location(path);
            if (Files.exists(local)) {
                throw new CommandLine.ParameterException(spec.commandLine(), local + " exists already");
            }
        }

        @Override
        void on(HdfsClient client, PrintWriter out) throws HdfsException {
            client.copyToLocal(location(path), local.toAbsolutePath().normalize());
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Remove a file, or with -r a directory and everything below it.")
    static final class Rm extends Operation {
        @Parameters(index = "0", paramLabel = "URI", description = "The file or directory.")
        String path;

        @Option(names = {"-r", "--recursive"}, description = "Remove a non-empty directory with its contents.")
        boolean recursive;

        @Override
        void validate() {
            location(path);
        }

        @Override
        void on(HdfsClient client, PrintWriter out) throws HdfsException {
            HdfsUri target = location(path);
            if (!client.delete(target, recursive)) {
                throw new HdfsException(HdfsException.Kind.NOT_FOUND, "cannot remove " + target
                        + ": no such file or directory");
            }
        }
    }
}
