package io.mezzo.internal.agent.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Builds test archives with commons-compress: files with modes, directories, links. */
final class Archives {
    enum Type { FILE, DIR, SYMLINK, HARDLINK }

    record Item(Type type, String name, String content, int mode) {}

    private final List<Item> items = new ArrayList<>();

    Archives file(String name, String content, int mode) {
        items.add(new Item(Type.FILE, name, content, mode));
        return this;
    }

    Archives dir(String name) {
        items.add(new Item(Type.DIR, name, "", 0755));
        return this;
    }

    Archives symlink(String name, String target) {
        items.add(new Item(Type.SYMLINK, name, target, 0777));
        return this;
    }

    Archives hardLink(String name, String target) {
        items.add(new Item(Type.HARDLINK, name, target, 0644));
        return this;
    }

    /** Writes the archive the file name asks for: .tar, .tar.gz/.tgz, .tar.bz2/.tbz2, .tar.xz/.txz, .zip. */
    Path write(Path file) throws IOException {
        String name = file.getFileName().toString();
        Files.createDirectories(file.getParent());
        if (name.endsWith(".zip")) {
            writeZip(file);
            return file;
        }
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream compressed = compress(name, raw);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                TarArchiveEntry entry = switch (item.type()) {
                    case FILE -> new TarArchiveEntry(item.name());
                    case DIR -> new TarArchiveEntry(item.name().endsWith("/") ? item.name() : item.name() + "/");
                    case SYMLINK -> new TarArchiveEntry(item.name(), TarArchiveEntry.LF_SYMLINK);
                    case HARDLINK -> new TarArchiveEntry(item.name(), TarArchiveEntry.LF_LINK);
                };
                byte[] data = item.content().getBytes(StandardCharsets.UTF_8);
                if (item.type() == Type.SYMLINK || item.type() == Type.HARDLINK) {
                    entry.setLinkName(item.content());
                } else if (item.type() == Type.FILE) {
                    entry.setSize(data.length);
                }
                entry.setMode((item.type() == Type.DIR ? 040000 : item.type() == Type.SYMLINK ? 0120000 : 0100000)
                        | item.mode());
                tar.putArchiveEntry(entry);
                if (item.type() == Type.FILE) {
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private static OutputStream compress(String name, OutputStream raw) throws IOException {
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new GzipCompressorOutputStream(raw);
        }
        if (name.endsWith(".tar.bz2") || name.endsWith(".tbz2")) {
            return new BZip2CompressorOutputStream(raw);
        }
        if (name.endsWith(".tar.xz") || name.endsWith(".txz")) {
            return new XZCompressorOutputStream(raw);
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                raw.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                raw.write(b, off, len);
            }
        };
    }

    private void writeZip(Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Item item : items) {
                ZipArchiveEntry entry = new ZipArchiveEntry(item.type() == Type.DIR && !item.name().endsWith("/")
                        ? item.name() + "/" : item.name());
                int kind = item.type() == Type.DIR ? 040000 : item.type() == Type.SYMLINK ? 0120000 : 0100000;
                entry.setUnixMode(kind | item.mode());
                zip.putArchiveEntry(entry);
                if (item.type() != Type.DIR) {
                    zip.write(item.content().getBytes(StandardCharsets.UTF_8));
                }
                zip.closeArchiveEntry();
            }
        }
    }

    static Path gzip(Path file, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
