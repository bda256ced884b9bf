package io.mezzo.internal.runtime;

import io.mezzo.internal.security.AuthenticationPolicy;
import io.mezzo.internal.tls.ServerTls;
import java.util.Optional;

/**
 * How a master guards its APIs.
 *
 * @param tls            serve every API over HTTPS only (hosted scripts then call their master
 *                       back over HTTPS: their connector must trust {@link ServerTls#hostedTrust()})
 * @param authentication who must authenticate, realm by realm, and with which credentials
 */
public record MasterSecurity(Optional<ServerTls> tls, AuthenticationPolicy authentication) {
    /** Plain HTTP, nobody authenticates. */
    public static final MasterSecurity NONE = new MasterSecurity(Optional.empty(), AuthenticationPolicy.OFF);

    public MasterSecurity {
        if (tls == null || authentication == null) {
            throw new IllegalArgumentException("master security needs TLS settings (or none) and a policy");
        }
    }

    public MasterSecurity withTls(Optional<ServerTls> newTls) {
        return new MasterSecurity(newTls, authentication);
    }

    public MasterSecurity withAuthentication(AuthenticationPolicy policy) {
        return new MasterSecurity(tls, policy);
    }
}
