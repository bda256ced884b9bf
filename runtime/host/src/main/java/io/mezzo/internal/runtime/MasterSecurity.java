package io.mezzo.internal.runtime;

import io.mezzo.internal.security.AuthenticationPolicy;
import io.mezzo.internal.tls.ServerTls;
import io.mezzo.spi.AuthorizationSettings;
import java.util.Optional;

/**
 * How a master guards its APIs.
 *
 * @param tls            serve every API over HTTPS only (hosted scripts then call their master
 *                       back over HTTPS: their connector must trust {@link ServerTls#hostedTrust()})
 * @param authentication who must authenticate, realm by realm, and with which credentials
 * @param authorization  the ACLs ({@code --acls}) the authorizer plugin enforces; none: all allowed
 */
public record MasterSecurity(Optional<ServerTls> tls, AuthenticationPolicy authentication,
                             AuthorizationSettings authorization) {
    private static final AuthorizationSettings NO_ACLS = new AuthorizationSettings(Optional.empty());
    /** Plain HTTP, nobody authenticates, everything is allowed. */
    public static final MasterSecurity NONE = new MasterSecurity(Optional.empty(), AuthenticationPolicy.OFF);

    public MasterSecurity {
        if (tls == null || authentication == null || authorization == null) {
            throw new IllegalArgumentException("master security needs TLS settings (or none), a policy and ACLs"
                    + " (or none)");
        }
    }

    /** Without ACLs. */
    public MasterSecurity(Optional<ServerTls> tls, AuthenticationPolicy authentication) {
        this(tls, authentication, NO_ACLS);
    }

    public MasterSecurity withTls(Optional<ServerTls> newTls) {
        return new MasterSecurity(newTls, authentication, authorization);
    }

    public MasterSecurity withAuthentication(AuthenticationPolicy policy) {
        return new MasterSecurity(tls, policy, authorization);
    }

    public MasterSecurity withAuthorization(AuthorizationSettings acls) {
        return new MasterSecurity(tls, authentication, acls);
    }
}
