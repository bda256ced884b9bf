package io.mezzo.internal.security;

import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.time.TimeSource;
import io.mezzo.spi.AuthenticationSettings;

/**
 * What a master authenticates with: its policy (who must), the authenticator plugin, the
 * hosted scripts' credentials and the agents' tokens. Built once per master; a master
 * without one authenticates nobody.
 */
public record AuthenticationContext(AuthenticationPolicy policy, AuthenticatorHost authenticator,
                                    HostedCredentials hosted, AgentTokens agentTokens)
        implements AutoCloseable {
    public AuthenticationContext {
        if (policy == null || authenticator == null || hosted == null || agentTokens == null) {
            throw new IllegalArgumentException("an authentication context needs every part");
        }
    }

    /** Opens the authenticator of {@code source} for {@code policy}'s credentials. */
    public static AuthenticationContext open(AuthenticationPolicy policy, AuthenticatorSource source,
                                             PluginGuard guard, TimeSource time) {
        AuthenticatorHost host = new AuthenticatorHost(guard, new AuthenticationSettings(policy.credentials(), time))
                .follow(source);
        return new AuthenticationContext(policy, host, new HostedCredentials(), new AgentTokens(time));
    }

    /** Stops following the authenticator plugin and closes the authentication it opened. */
    @Override
    public void close() {
        authenticator.close();
    }
}
