package io.mezzo.internal.cluster;

import io.mezzo.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The on-disk form of {@link DiskMirror}: one directory per map, one file per key.
 *
 * <p>A file is {@code MZM1 <crc32 hex> <body length>\n} followed by the body, which is the
 * key (type tag, base64) on one line and the value (type tag, text) after it. It is written to
 * a temporary file, forced to disk and renamed over the old one, so a reader sees the old
 * file or the new one, never a mix. A file whose header does not match its body (torn, cut
 * short, hand-edited) is skipped with a warning, never read as valid. The file's name is the
 * SHA-256 of the key, so any key fits a file name; the key itself is read from the body.
 *
 * <p>Keys and values may be {@code String}, {@code Long} or {@code Integer}: the master's maps
 * hold JSON strings, and a counter (an epoch) is a number.
 */
final class MirrorFiles {
    private static final Logger LOG = System.getLogger(MirrorFiles.class.getName());
    private static final String MAGIC = "MZM1";
    private static final Pattern MAP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private MirrorFiles() {}

    /** Whether {@code name} can be a map directory (and so be mirrored). */
    static boolean mirrorable(String name) {
        return MAP_NAME.matcher(name).matches() && !name.startsWith(".");
    }

    /** Whether {@code value} has a type the files can hold. */
    static boolean storable(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Integer;
    }

    static void write(Path mapDir, Object key, Object value) {
        byte[] body = (tagged(key, true) + "\n" + tagged(value, false)).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] header = String.format("%s %08x %d%n", MAGIC, crc.getValue(), body.length)
                .replace(System.lineSeparator(), "\n").getBytes(StandardCharsets.US_ASCII);
        String name = fileName(key);
        try {
            Files.createDirectories(mapDir);
            AtomicFiles.replace(mapDir.resolve(name), true, header, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + mapDir.resolve(name), e);
        }
    }

    static void delete(Path mapDir, Object key) {
        Path file = mapDir.resolve(fileName(key));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Every valid entry under {@code mapDir}; temporary files left by a crash are removed. */
    static Map<Object, Object> read(Path mapDir) {
        Map<Object, Object> out = new LinkedHashMap<>();
        if (!Files.isDirectory(mapDir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mapDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                } else if (!name.startsWith(".")) {
                    readOne(file, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mapDir, e);
        }
        return out;
    }

    private static void readOne(Path file, Map<Object, Object> out) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        }
        try {
            Map.Entry<Object, Object> entry = parse(all);
            out.put(entry.getKey(), entry.getValue());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring " + file + ": " + e.getMessage());
        }
    }

    private static Map.Entry<Object, Object> parse(byte[] all) {
        int newline = indexOf(all, (byte) '\n', 0);
        if (newline < 0 || newline > 64) {
            throw new IllegalArgumentException("no header");
        }
        String[] header = new String(all, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (header.length != 3 || !header[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a mirror file");
        }
        int length;
        long expected;
        try {
            length = Integer.parseInt(header[2]);
            expected = Long.parseLong(header[1], 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad header");
        }
        if (all.length - newline - 1 != length) {
            throw new IllegalArgumentException("body is " + (all.length - newline - 1) + " bytes, header says "
                    + length + " (torn write)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, newline + 1, length);
        if (crc.getValue() != expected) {
            throw new IllegalArgumentException("checksum mismatch (torn write)");
        }
        String body = new String(all, newline + 1, length, StandardCharsets.UTF_8);
        int split = body.indexOf('\n');
        if (split < 0) {
            throw new IllegalArgumentException("no value");
        }
        return Map.entry(untag(body.substring(0, split), true), untag(body.substring(split + 1), false));
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Keys are base64 so they stay on their one line; values are the rest of the body. */
    private static String tagged(Object value, boolean base64) {
        String tag;
        String text;
        if (value instanceof String s) {
            tag = "S";
            text = s;
        } else if (value instanceof Long l) {
            tag = "L";
            text = Long.toString(l);
        } else if (value instanceof Integer i) {
            tag = "I";
            text = Integer.toString(i);
        } else {
            throw new IllegalArgumentException("cannot mirror a " + value.getClass().getName());
        }
        return tag + (base64 ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) : text);
    }

    private static Object untag(String tagged, boolean base64) {
        if (tagged.isEmpty()) {
            throw new IllegalArgumentException("empty field");
        }
        String text = tagged.substring(1);
        try {
            if (base64) {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            }
            switch (tagged.charAt(0)) {
                case 'S':
                    return text;
                case 'L':
                    return Long.parseLong(text);
                case 'I':
                    return Integer.parseInt(text);
                default:
                    throw new IllegalArgumentException("unknown type tag '" + tagged.charAt(0) + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number: " + e.getMessage());
        }
    }

    static String fileName(Object key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(tagged(key, true).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
