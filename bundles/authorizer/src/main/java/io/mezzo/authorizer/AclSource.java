package io.mezzo.authorizer;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The ACL JSON behind a {@code --acls} value, which is, as in Mesos, either the JSON itself or
 * the path of a file holding it ({@code /etc/mesos/acls.json} or
 * {@code file:///etc/mesos/acls.json}).
 *
 * @param description where the JSON came from, for messages ("the --acls value", "file '/x'")
 * @param json        the JSON text
 */
record AclSource(String description, String json) {
    private static final String FILE_SCHEME = "file://";

    AclSource {
        if (description == null || json == null) {
            throw new IllegalArgumentException("an ACL source needs a description and its JSON");
        }
    }

    /** Inline JSON is recognised by its opening brace; anything else names a file. */
    static AclSource resolve(String acls) throws InvalidAclsException {
        String trimmed = acls.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidAclsException(
                    "--acls is empty: give the ACL JSON itself or the path of a file holding it");
        }
        if (trimmed.startsWith("{")) {
            return new AclSource("the --acls value", acls);
        }
        String location = trimmed.startsWith(FILE_SCHEME) ? trimmed.substring(FILE_SCHEME.length()) : trimmed;
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw new InvalidAclsException("--acls '" + trimmed + "' is neither ACL JSON nor a valid path: "
                    + e.getReason());
        }
        return new AclSource("file '" + path + "'", read(path));
    }

    private static String read(Path path) throws InvalidAclsException {
        String problem;
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            problem = "no such file";
        } catch (AccessDeniedException e) {
            problem = "permission denied";
        } catch (CharacterCodingException e) {
            problem = "not UTF-8 text";
        } catch (IOException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        throw new InvalidAclsException("cannot read ACLs file '" + path + "': " + problem);
    }
}
