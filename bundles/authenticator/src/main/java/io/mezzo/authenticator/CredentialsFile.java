package io.mezzo.authenticator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.spi.AuthenticationException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads Mesos's credentials file, {@code {"credentials":[{"principal":"p1","secret":"s1"}]}}.
 *
 * <p>Every error names the file and what is wrong, and none repeats the file's content: a
 * syntax error is reported by line and column only, because the text around it may be a
 * secret.
 */
final class CredentialsFile {
    private static final System.Logger LOG = System.getLogger(CredentialsFile.class.getName());
    private static final String FILE_SCHEME = "file:";
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    /** Built from core and databind only: the host exports no other Jackson package. */
    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CredentialsFile() {
    }

    /** The file {@code configured} names: a path, or a path behind {@code file://}. */
    static Path resolve(Path configured) {
        String text = configured.toString();
        if (!text.startsWith(FILE_SCHEME)) {
            return configured;
        }
        // Path collapses "file:///etc/x" to "file:/etc/x"; what follows the scheme is the path.
        return Path.of(text.substring(FILE_SCHEME.length()));
    }

    static Credentials read(Path configured) throws AuthenticationException {
        Path file = resolve(configured);
        byte[] content = content(file);
        warnIfShared(file);
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new AuthenticationException(describe(file) + " is not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new AuthenticationException(describe(file) + " cannot be parsed: " + e.getClass().getSimpleName());
        }
        return Credentials.of(entries(file, root));
    }

    private static byte[] content(Path file) throws AuthenticationException {
        try {
            if (Files.isDirectory(file)) {
                throw new AuthenticationException("cannot read " + describe(file) + ": it is a directory");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AuthenticationException("cannot read " + describe(file) + ": no such file");
        } catch (AccessDeniedException e) {
            throw new AuthenticationException("cannot read " + describe(file) + ": permission denied");
        } catch (IOException e) {
            throw new AuthenticationException("cannot read " + describe(file) + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> entries(Path file, JsonNode root) throws AuthenticationException {
        if (root == null || !root.isObject()) {
            throw new AuthenticationException(describe(file) + " must hold a JSON object {\"credentials\":[...]}");
        }
        JsonNode list = root.get("credentials");
        if (list == null || !list.isArray()) {
            throw new AuthenticationException(describe(file) + " has no \"credentials\" array");
        }
        Map<String, byte[]> secrets = new HashMap<>();
        Map<String, Integer> seenAt = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            int number = i + 1;
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new AuthenticationException(describe(file) + ": credential " + number
                        + " must be an object {\"principal\":..,\"secret\":..}");
            }
            String principal = text(file, entry, "principal", number);
            if (principal.isEmpty()) {
                throw new AuthenticationException(describe(file) + ": credential " + number + " has an empty principal");
            }
            String secret = text(file, entry, "secret", number);
            if (secret.isEmpty()) {
                throw new AuthenticationException(describe(file) + ": credential " + number
                        + " (principal '" + principal + "') has an empty secret");
            }
            Integer earlier = seenAt.putIfAbsent(principal, number);
            if (earlier != null) {
                throw new AuthenticationException(describe(file) + ": principal '" + principal
                        + "' appears twice (credentials " + earlier + " and " + number + ")");
            }
            if (principal.indexOf(' ') >= 0) {
                LOG.log(Level.WARNING, describe(file) + ": principal '" + principal + "' contains a space;"
                        + " it can use HTTP Basic but not CRAM-MD5, whose response ends the principal at the first space");
            }
            secrets.put(principal, secret.getBytes(StandardCharsets.UTF_8));
        }
        return secrets;
    }

    private static String text(Path file, JsonNode entry, String field, int number) throws AuthenticationException {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            throw new AuthenticationException(describe(file) + ": credential " + number + " has no \"" + field + "\"");
        }
        if (!value.isTextual()) {
            // The value itself is not shown: it may be a secret written without quotes.
            throw new AuthenticationException(describe(file) + ": credential " + number
                    + "'s \"" + field + "\" must be a JSON string");
        }
        return value.textValue();
    }

    /** Mesos warns about the same thing; a credentials file should be its owner's alone. */
    private static void warnIfShared(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return;
        }
        Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
        shared.addAll(permissions);
        shared.retainAll(SHARED);
        if (!shared.isEmpty()) {
            LOG.log(Level.WARNING, describe(file) + " is accessible by group or others (permissions "
                    + PosixFilePermissions.toString(permissions) + "); restrict it to its owner, e.g. chmod 600");
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static String describe(Path file) {
        return "credentials file '" + file + "'";
    }
}
