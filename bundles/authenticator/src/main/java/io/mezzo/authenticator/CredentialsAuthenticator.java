package io.mezzo.authenticator;

import io.mezzo.spi.Authentication;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationSettings;
import io.mezzo.spi.Authenticator;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Mezzo's authenticator: principals and secrets from the master's {@code --credentials} file
 * (Mesos's JSON), checked by CRAM-MD5 for agents and by HTTP Basic for HTTP callers. See
 * {@link FailureThrottle} for how repeated failures are slowed down.
 */
@Component(service = Authenticator.class, property = {"service.ranking:Integer=0", "mezzo.plugin.name=crammd5"})
public final class CredentialsAuthenticator implements Authenticator {
    private static final System.Logger LOG = System.getLogger(CredentialsAuthenticator.class.getName());

    @Override
    public Authentication open(AuthenticationSettings settings) throws AuthenticationException {
        Credentials credentials = load(settings.credentials());
        return new CredentialsAuthentication(credentials, settings.clock());
    }

    private static Credentials load(Optional<Path> file) throws AuthenticationException {
        if (file.isEmpty()) {
            LOG.log(Level.INFO, "no credentials file is configured: every authentication will be refused");
            return Credentials.none();
        }
        Credentials credentials = CredentialsFile.read(file.get());
        if (credentials.isEmpty()) {
            LOG.log(Level.WARNING, CredentialsFile.describe(CredentialsFile.resolve(file.get()))
                    + " lists no credentials: every authentication will be refused");
        } else {
            LOG.log(Level.INFO, () -> "loaded " + credentials.size() + " credential(s) from "
                    + CredentialsFile.describe(CredentialsFile.resolve(file.get())));
        }
        return credentials;
    }
}
