package io.mezzo.internal.agent.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks fetched archives into the sandbox, chosen by file name as Mesos does:
 * {@code .tar .tar.gz .tgz .tar.bz2 .tbz2 .tar.xz .txz .zip}, and a bare {@code .gz} is
 * gunzipped beside. File modes (the executable bits) are kept.
 *
 * <p>Nothing may land outside the target directory: entries with absolute paths or {@code ..}
 * that leave it, symbolic links pointing out of it, hard links to outside, and entries written
 * through a link are refused with the entry's name ({@link ArchiveEntries}).
 */
final class Extractor {
    enum Kind { TAR, TAR_GZ, TAR_BZ2, TAR_XZ, ZIP, GZ }

    private Extractor() {}

    /** The archive kind {@code fileName} announces, if any. */
    static Optional<Kind> kindOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar")) {
            return Optional.of(Kind.TAR);
        }
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return Optional.of(Kind.TAR_GZ);
        }
        if (name.endsWith(".tar.bz2") || name.endsWith(".tbz2")) {
            return Optional.of(Kind.TAR_BZ2);
        }
        if (name.endsWith(".tar.xz") || name.endsWith(".txz")) {
            return Optional.of(Kind.TAR_XZ);
        }
        if (name.endsWith(".zip")) {
            return Optional.of(Kind.ZIP);
        }
        if (name.endsWith(".gz")) {
            return Optional.of(Kind.GZ);
        }
        return Optional.empty();
    }

    /**
     * Extracts {@code archive} (whose type {@code fileName} names) into {@code into}. False when
     * the name is not an archive's (the file stays as it is).
     *
     * @throws IOException naming the entry or the archive when it is corrupt or unsafe
     */
    static boolean extract(Path archive, String fileName, Path into) throws IOException {
        Optional<Kind> kind = kindOf(fileName);
        if (kind.isEmpty()) {
            return false;
        }
        ArchiveEntries target = new ArchiveEntries(into);
        switch (kind.get()) {
            case TAR:
                untar(archive, target, in -> in);
                break;
            case TAR_GZ:
                untar(archive, target, GzipCompressorInputStream::new);
                break;
            case TAR_BZ2:
                untar(archive, target, BZip2CompressorInputStream::new);
                break;
            case TAR_XZ:
                untar(archive, target, XZCompressorInputStream::new);
                break;
            case ZIP:
                unzip(archive, target);
                break;
            case GZ:
                gunzip(archive, fileName, into);
                break;
        }
        return true;
    }

    @FunctionalInterface
    private interface Decompression {
        InputStream open(InputStream raw) throws IOException;
    }

    private static void untar(Path archive, ArchiveEntries target, Decompression decompression) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(decompression.open(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    target.directory(name, entry.getMode());
                } else if (entry.isSymbolicLink()) {
                    target.symlink(name, entry.getLinkName());
                } else if (entry.isLink()) {
                    target.hardLink(name, entry.getLinkName());
                } else if (entry.isFile()) {
                    target.file(name, tar, entry.getMode());
                }
                // Devices, FIFOs and the like have no place in a sandbox: skipped.
            }
        }
        target.finish();
    }

    private static void unzip(Path archive, ArchiveEntries target) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                // Unix mode from the external attributes; 0 when the zip was made elsewhere.
                int mode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & 07777 : 0;
                if (entry.isDirectory()) {
                    target.directory(entry.getName(), mode);
                } else if (entry.isUnixSymlink()) {
                    target.symlink(entry.getName(), zip.getUnixSymlink(entry));
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        target.file(entry.getName(), in, mode);
                    }
                }
            }
        }
        target.finish();
    }

    /** Mesos gunzips {@code x.gz} to {@code x} beside the extraction results. */
    private static void gunzip(Path archive, String fileName, Path into) throws IOException {
        String name = fileName.substring(0, fileName.length() - 3);
        if (name.isEmpty()) {
            throw new IOException("'" + fileName + "' has no name left once '.gz' is removed");
        }
        Path out = into.resolve(name);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             InputStream in = new GzipCompressorInputStream(raw)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
