package io.mezzo.internal.cli;

import io.mezzo.internal.security.Credential;
import io.mezzo.internal.tls.ClientTls;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * How a command-line client reaches the masters: whom to trust ({@code --ssl-ca}) and what
 * to present ({@code --credential}). The commands keep their own {@code --master} option.
 */
final class MasterAccess {
    @Mixin
    TlsOptions.Client tls;

    @Mixin
    CredentialOption credential;

    /** The masters' URLs: bare {@code host:port} means https with {@code --ssl-ca}, else http. */
    List<URI> urls(List<String> masters) {
        return tls.masterUrls(masters);
    }

    /** Whom to trust for {@code urls}. */
    Optional<ClientTls> trust(List<URI> urls) {
        return tls.tlsFor(urls);
    }

    Optional<Credential> credential() {
        return credential.credential();
    }

    /** A JSON client for {@code masters}, trusting and presenting as the flags say. */
    MasterClient client(List<String> masters) {
        List<URI> urls = urls(masters);
        return new MasterClient(urls, trust(urls), CredentialOption.headers(credential()));
    }
}
