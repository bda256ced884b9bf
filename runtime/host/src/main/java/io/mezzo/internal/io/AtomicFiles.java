package io.mezzo.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file's content so that a reader, or a process started after a crash, sees the
 * old content or the new, never a mix: the bytes go to a temporary file beside it, which is
 * then renamed over it.
 */
public final class AtomicFiles {
    /** Temporary files start with this; a reader of the directory skips (or removes) them. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {}

    /**
     * Writes {@code parts}, one after the other, as the new content of {@code file} (whose
     * directory must exist). With {@code force} the bytes reach the disk before the rename,
     * so the new content also survives a crash of the machine; without, it survives a crash
     * of the process.
     */
    public static void replace(Path file, boolean force, byte[]... parts) throws IOException {
        Path temp = file.resolveSibling(TEMP_PREFIX + file.getFileName());
        ByteBuffer[] buffers = new ByteBuffer[parts.length];
        long left = 0;
        for (int i = 0; i < parts.length; i++) {
            buffers[i] = ByteBuffer.wrap(parts[i]);
            left += parts[i].length;
        }
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (left > 0) {
                left -= out.write(buffers);
            }
            if (force) {
                out.force(false);
            }
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
