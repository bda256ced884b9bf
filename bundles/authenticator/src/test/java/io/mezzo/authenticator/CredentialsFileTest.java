package io.mezzo.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mezzo.spi.Authentication;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationSettings;
import io.mezzo.spi.AuthenticationStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
    private static final String SECRET = "s3cret-Zq81";

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock();
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture();
    }

    @AfterEach
    void noSecretWasLogged() {
        log.close();
        assertThat(String.join("\n", log.lines())).doesNotContain(SECRET);
    }

    @Test
    void credentialsFromTheFileAuthenticate() throws Exception {
        Path file = write("{\"credentials\":[{\"principal\":\"agent\",\"secret\":\"" + SECRET + "\"},"
                + "{\"principal\":\"ops\",\"secret\":\"other\"}]}");
        try (Authentication authentication = open(file)) {
            assertThat(authentication.basic("agent", SECRET, "10.0.0.1"))
                    .isEqualTo(new AuthenticationStep.Authenticated("agent"));
            assertThat(authentication.basic("ops", "other", "10.0.0.1"))
                    .isEqualTo(new AuthenticationStep.Authenticated("ops"));
            assertThat(authentication.basic("ops", SECRET, "10.0.0.1"))
                    .isInstanceOf(AuthenticationStep.Refused.class);
        }
        assertThat(log.lines(Level.INFO)).anyMatch(line -> line.contains("loaded 2 credential(s)"));
    }

    @Test
    void aFileUrlNamesTheSameFile() throws Exception {
        Path file = write("{\"credentials\":[{\"principal\":\"agent\",\"secret\":\"" + SECRET + "\"}]}");
        try (Authentication authentication = open(Path.of("file://" + file))) {
            assertThat(authentication.basic("agent", SECRET, "10.0.0.1"))
                    .isEqualTo(new AuthenticationStep.Authenticated("agent"));
        }
    }

    @Test
    void unicodeSecretsAreComparedAsUtf8() throws Exception {
        Path file = write("{\"credentials\":[{\"principal\":\"jürgen\",\"secret\":\"größe-" + SECRET + "\"}]}");
        try (Authentication authentication = open(file)) {
            assertThat(authentication.basic("jürgen", "größe-" + SECRET, "10.0.0.1"))
                    .isEqualTo(new AuthenticationStep.Authenticated("jürgen"));
            assertThat(authentication.basic("jürgen", "grosse-" + SECRET, "10.0.0.1"))
                    .isInstanceOf(AuthenticationStep.Refused.class);
        }
    }

    @Test
    void aPrincipalWithASpaceIsWarnedAboutBecauseCramMd5CannotCarryIt() throws Exception {
        Path file = write("{\"credentials\":[{\"principal\":\"ops team\",\"secret\":\"" + SECRET + "\"}]}");
        open(file).close();
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("principal 'ops team' contains a space", "CRAM-MD5");
    }

    @Test
    void withoutAFileEveryAuthenticationIsRefusedAndThatIsLoggedOnce() throws Exception {
        try (Authentication authentication = new CredentialsAuthenticator()
                .open(new AuthenticationSettings(Optional.empty(), clock))) {
            assertThat(authentication.basic("agent", SECRET, "10.0.0.1"))
                    .isEqualTo(new AuthenticationStep.Refused(FailureThrottle.FAILED, java.time.Duration.ZERO));
            assertThat(authentication.basic("", "", "10.0.0.1")).isInstanceOf(AuthenticationStep.Refused.class);
        }
        assertThat(log.lines()).filteredOn(line -> line.contains("no credentials file")).hasSize(1);
    }

    @Test
    void anEmptyListIsAllowedButWarnedAbout() throws Exception {
        Path file = write("{\"credentials\":[]}");
        try (Authentication authentication = open(file)) {
            assertThat(authentication.basic("agent", SECRET, "10.0.0.1")).isInstanceOf(AuthenticationStep.Refused.class);
        }
        assertThat(log.lines(Level.WARNING)).anyMatch(line -> line.contains(file.toString()) && line.contains("no credentials"));
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> open(file)).isInstanceOf(AuthenticationException.class)
                .hasMessage("cannot read credentials file '" + file + "': no such file");
    }

    @Test
    void aDirectoryIsNamed() {
        assertThatThrownBy(() -> open(dir)).isInstanceOf(AuthenticationException.class)
                .hasMessage("cannot read credentials file '" + dir + "': it is a directory");
    }

    @Test
    void anUnreadableFileIsNamed() throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads any file");
        Path file = write("{\"credentials\":[]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> open(file)).isInstanceOf(AuthenticationException.class)
                .hasMessage("cannot read credentials file '" + file + "': permission denied");
    }

    @Test
    void anyOtherReadErrorIsNamedWithTheSystemsReason() throws IOException {
        Path file = write("{\"credentials\":[]}");
        Path through = file.resolve("child.json");
        assertThatThrownBy(() -> open(through)).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("cannot read credentials file '" + through + "': ")
                .hasMessageContaining("Not a directory");
    }

    @Test
    void aSyntaxErrorGivesLineAndColumnButNotTheTextAroundIt() throws IOException {
        // The secret is missing its quotes: Jackson's own message would quote it.
        Path file = write("{\"credentials\":[\n  {\"principal\":\"agent\",\"secret\":" + SECRET + "}\n]}");
        assertThatThrownBy(() -> open(file)).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("credentials file '" + file + "' is not valid JSON (line 2, column ")
                .hasMessageNotContaining(SECRET)
                .hasNoCause();
    }

    @Test
    void trailingTextAfterTheObjectIsNotJson() throws IOException {
        Path file = write("{\"credentials\":[]} " + SECRET);
        assertThatThrownBy(() -> open(file)).hasMessageStartingWith("credentials file '" + file + "' is not valid JSON")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anEmptyFileIsNotCredentials() throws IOException {
        Path file = write("");
        assertThatThrownBy(() -> open(file))
                .hasMessage("credentials file '" + file + "' must hold a JSON object {\"credentials\":[...]}");
    }

    @Test
    void theAgentsSingleCredentialFormatIsNotTheMastersList() throws IOException {
        Path file = write("{\"principal\":\"agent\",\"secret\":\"" + SECRET + "\"}");
        assertThatThrownBy(() -> open(file)).hasMessage("credentials file '" + file + "' has no \"credentials\" array");
    }

    @Test
    void eachBadEntryIsNamedByItsPosition() throws IOException {
        expectEntryError("[\"agent\"]",
                "credential 1 must be an object {\"principal\":..,\"secret\":..}");
        expectEntryError("[{\"principal\":\"a\",\"secret\":\"x\"},{\"secret\":\"" + SECRET + "\"}]",
                "credential 2 has no \"principal\"");
        expectEntryError("[{\"principal\":\"agent\"}]", "credential 1 has no \"secret\"");
        expectEntryError("[{\"principal\":\"agent\",\"secret\":null}]", "credential 1 has no \"secret\"");
        expectEntryError("[{\"principal\":\"\",\"secret\":\"" + SECRET + "\"}]", "credential 1 has an empty principal");
        expectEntryError("[{\"principal\":\"agent\",\"secret\":\"\"}]",
                "credential 1 (principal 'agent') has an empty secret");
        expectEntryError("[{\"principal\":42,\"secret\":\"" + SECRET + "\"}]",
                "credential 1's \"principal\" must be a JSON string");
        expectEntryError("[{\"principal\":\"agent\",\"secret\":1234567}]",
                "credential 1's \"secret\" must be a JSON string");
    }

    @Test
    void aPrincipalListedTwiceIsRefusedNamingBothEntries() throws IOException {
        expectEntryError("[{\"principal\":\"agent\",\"secret\":\"" + SECRET + "\"},"
                + "{\"principal\":\"ops\",\"secret\":\"x\"},"
                + "{\"principal\":\"agent\",\"secret\":\"" + SECRET + "2\"}]",
                "principal 'agent' appears twice (credentials 1 and 3)");
    }

    @Test
    void aFieldGivenTwiceInOneEntryIsNotAccepted() throws IOException {
        Path file = write("{\"credentials\":[{\"principal\":\"agent\",\"secret\":\"a\",\"secret\":\"" + SECRET + "\"}]}");
        assertThatThrownBy(() -> open(file)).hasMessageStartingWith("credentials file '" + file + "' is not valid JSON")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aFileOthersCanReadIsWarnedAbout() throws Exception {
        Path file = write("{\"credentials\":[{\"principal\":\"agent\",\"secret\":\"" + SECRET + "\"}]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        open(file).close();
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("credentials file '" + file + "'", "rw-r--r--", "chmod 600");
    }

    @Test
    void aFileOnlyItsOwnerCanReadIsNotWarnedAbout() throws Exception {
        Path file = write("{\"credentials\":[{\"principal\":\"agent\",\"secret\":\"" + SECRET + "\"}]}");
        open(file).close();
        assertThat(log.lines(Level.WARNING)).isEmpty();
    }

    @Test
    void aGroupWritableFileIsWarnedAbout() throws Exception {
        Path file = write("{\"credentials\":[]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));
        open(file).close();
        assertThat(log.lines(Level.WARNING)).anyMatch(line -> line.contains("rw--w----"));
    }

    private void expectEntryError(String entries, String problem) throws IOException {
        Path file = write("{\"credentials\":" + entries + "}");
        assertThatThrownBy(() -> open(file)).isInstanceOf(AuthenticationException.class)
                .hasMessage("credentials file '" + file + "': " + problem)
                .hasMessageNotContaining(SECRET);
    }

    private Authentication open(Path file) throws AuthenticationException {
        return new CredentialsAuthenticator().open(new AuthenticationSettings(Optional.of(file), clock));
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "credentials", ".json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
