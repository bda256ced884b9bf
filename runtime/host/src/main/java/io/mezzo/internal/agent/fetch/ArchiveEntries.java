package io.mezzo.internal.agent.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes archive entries below one directory and refuses any that would reach outside it
 * (zip-slip): absolute names, names that climb out with {@code ..}, paths through a link that
 * leads out, symbolic links whose target resolves outside, hard links to outside. Each refusal
 * names the entry.
 *
 * <p>Symbolic links are made last (as GNU tar does with its placeholders), so no entry of the
 * archive is written through one; once all exist, each is resolved on the real file system, and
 * one that ends outside fails the extraction and is removed.
 */
final class ArchiveEntries {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private record Link(String name, Path path, Path target) {}

    private final Path root;
    private final List<Link> links = new ArrayList<>();

    ArchiveEntries(Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
    }

    void directory(String name, int mode) throws IOException {
        Path dir = inside(name);
        if (dir.equals(root)) {
            return; // "./": the sandbox's own mode is the agent's business
        }
        createParents(name, dir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
        }
        // The owner keeps write access so the directory can be filled; otherwise the archived mode.
        applyMode(dir, mode == 0 ? 0 : mode | 0700);
    }

    void file(String name, InputStream content, int mode) throws IOException {
        Path file = inside(name);
        createParents(name, file);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw unsafe(name, "a directory of that name exists");
        }
        // REPLACE_EXISTING replaces a link itself, never what it points to.
        Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        applyMode(file, mode);
    }

    void symlink(String name, String target) throws IOException {
        Path link = inside(name);
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            throw unsafe(name, "the symbolic link has no valid target");
        }
        Path relative = Path.of(target);
        if (relative.isAbsolute()) {
            throw unsafe(name, "the symbolic link points to the absolute path '" + target + "'");
        }
        if (!link.getParent().resolve(relative).normalize().startsWith(root)) {
            throw unsafe(name, "the symbolic link points outside the sandbox ('" + target + "')");
        }
        links.add(new Link(name, link, relative));
    }

    void hardLink(String name, String target) throws IOException {
        Path link = inside(name);
        Path existing;
        try {
            existing = inside(target);
        } catch (IOException e) {
            throw unsafe(name, "the hard link's target '" + target + "' is outside the sandbox");
        }
        createParents(name, link);
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS) || !existing.toRealPath().startsWith(root)) {
            throw unsafe(name, "the hard link's target '" + target + "' is not a file extracted before it");
        }
        Files.deleteIfExists(link);
        Files.createLink(link, existing);
    }

    /** Creates the symbolic links, then checks where each really leads. */
    void finish() throws IOException {
        for (Link l : links) {
            createParents(l.name(), l.path());
            if (Files.isDirectory(l.path(), LinkOption.NOFOLLOW_LINKS)) {
                throw unsafe(l.name(), "a directory of that name exists");
            }
            Files.deleteIfExists(l.path());
            Files.createSymbolicLink(l.path(), l.target());
        }
        for (Link l : links) {
            if (!leadsInside(l.path().getParent().toRealPath(), l.target())) {
                for (Link created : links) {
                    Files.deleteIfExists(created.path());
                }
                throw unsafe(l.name(), "the symbolic link leads outside the sandbox through other links ('"
                        + l.target() + "')");
            }
        }
    }

    /** Resolves {@code target} from {@code dir} as the kernel would, following links that exist. */
    private boolean leadsInside(Path dir, Path target) throws IOException {
        Path at = dir;
        int hops = 0;
        for (Path segment : target) {
            String s = segment.toString();
            if (s.equals("..")) {
                at = at.getParent();
            } else if (!s.equals(".")) {
                at = at.resolve(s);
                if (Files.isSymbolicLink(at) && ++hops > 40) {
                    return false; // a loop: refuse rather than chase it
                }
                if (Files.exists(at)) {
                    at = at.toRealPath();
                }
            }
            if (at == null || !at.startsWith(root)) {
                return false;
            }
        }
        return true;
    }

    /** The entry's path below the root, refusing absolute names and climbs out. */
    private Path inside(String name) throws IOException {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw unsafe(String.valueOf(name), "the entry has an empty or invalid name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || Path.of(name).isAbsolute()) {
            throw unsafe(name, "the entry has an absolute path");
        }
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw unsafe(name, "the entry's path leads outside the sandbox");
        }
        return path;
    }

    /**
     * Creates the entry's parent directories and checks on the real file system that the
     * parent is inside the root: a link already in the sandbox must not carry the entry elsewhere.
     */
    private void createParents(String name, Path path) throws IOException {
        Path parent = path.getParent();
        if (parent == null) {
            throw unsafe(name, "the entry has no parent directory");
        }
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(root)) {
            throw unsafe(name, "the entry's path goes through a link that leads outside the sandbox");
        }
    }

    private static void applyMode(Path path, int mode) throws IOException {
        if (mode == 0) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(BITS[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(path, perms);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: there are no modes to keep.
        }
    }

    private static IOException unsafe(String name, String why) {
        return new IOException("refused archive entry '" + name + "': " + why);
    }
}
