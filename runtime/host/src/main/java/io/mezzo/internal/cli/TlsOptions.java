package io.mezzo.internal.cli;

import io.mezzo.internal.tls.ClientTls;
import io.mezzo.internal.tls.ServerTls;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** TLS flags: the master's certificate and key, and the CA its clients verify it against. */
final class TlsOptions {
    private TlsOptions() {
    }

    /** The master's flags: {@code --ssl-cert}, {@code --ssl-key} and, for its hosted scripts, {@code --ssl-ca}. */
    static final class Server {
        @Option(names = {"--ssl-cert", "--ssl_cert"}, paramLabel = "FILE",
                description = "The master's certificate (PEM, leaf first): every API is then served over HTTPS"
                        + " only. Needs --ssl-key.")
        Path cert;

        @Option(names = {"--ssl-key", "--ssl_key"}, paramLabel = "FILE",
                description = "The private key of --ssl-cert (unencrypted PEM; keep the file private).")
        Path key;

        @Option(names = {"--ssl-ca", "--ssl_ca"}, paramLabel = "FILE",
                description = "CA bundle (PEM) that the master's hosted scripts trust when they call it back"
                        + " (default: --ssl-cert itself).")
        Path ca;

        /**
         * The checked TLS settings, or empty for plain HTTP.
         *
         * @throws IllegalArgumentException naming the flag and file that is missing or wrong
         */
        Optional<ServerTls> serverTls() {
            if (cert == null && key == null) {
                if (ca != null) {
                    throw new IllegalArgumentException("--ssl-ca is for a master that serves TLS: give --ssl-cert"
                            + " and --ssl-key too");
                }
                return Optional.empty();
            }
            if (key == null) {
                throw new IllegalArgumentException("--ssl-cert needs --ssl-key: the private key of " + cert);
            }
            if (cert == null) {
                throw new IllegalArgumentException("--ssl-key needs --ssl-cert: the certificate of " + key);
            }
            return Optional.of(ServerTls.load(cert, key, Optional.ofNullable(ca)));
        }

        /** The paths (never the contents) for {@code /state}'s flags. */
        Map<String, String> flags() {
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("ssl_cert", shown(cert));
            flags.put("ssl_key", shown(key));
            flags.put("ssl_ca", shown(ca));
            return flags;
        }

        private static String shown(Path file) {
            return file == null ? "" : file.toAbsolutePath().normalize().toString();
        }
    }

    /** A client's flag ({@code agent}, {@code run}, {@code submit}, {@code teardown}): {@code --ssl-ca}. */
    static final class Client {
        @Option(names = {"--ssl-ca", "--ssl_ca"}, paramLabel = "FILE",
                description = "CA bundle (PEM) the master's certificate must be signed by: the master is then"
                        + " reached over HTTPS and its certificate and host name are verified. A master given as"
                        + " https://HOST:PORT without --ssl-ca is verified against the JDK's trusted CAs.")
        Path ca;

        /** The masters' URLs: bare {@code host:port} means https with {@code --ssl-ca}, else http. */
        List<URI> masterUrls(List<String> given) {
            List<URI> urls = MasterUrls.parse(given, ca != null ? "https" : "http");
            if (ca != null) {
                for (URI url : urls) {
                    if (!url.getScheme().equals("https")) {
                        throw new IllegalArgumentException("--master '" + url + "' is plain HTTP, but --ssl-ca asks"
                                + " for TLS; write https://" + url.getRawAuthority());
                    }
                }
            }
            return urls;
        }

        /** Whom to trust for {@code urls}: the CA when given, the JDK's trust for https URLs, else nothing. */
        Optional<ClientTls> tlsFor(List<URI> urls) {
            if (ca != null) {
                return Optional.of(trusting(ca));
            }
            return urls.stream().anyMatch(u -> u.getScheme().equals("https"))
                    ? Optional.of(ClientTls.jdkDefaults()) : Optional.empty();
        }

        /**
         * An agent's {@code --master} list ({@code h:p,h:p}, or {@code https://h:p,...}) as
         * {@code host:port} items, and whether to use TLS.
         */
        AgentMasters agentMasters(String masters) {
            List<String> hostPorts = new ArrayList<>();
            int https = 0;
            int http = 0;
            for (String item : masters.split(",")) {
                String s = item.strip();
                if (s.startsWith("https://")) {
                    https++;
                    s = s.substring("https://".length());
                } else if (s.startsWith("http://")) {
                    http++;
                    s = s.substring("http://".length());
                }
                hostPorts.add(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            }
            if (https > 0 && http > 0) {
                throw new IllegalArgumentException("--master '" + masters + "' mixes http:// and https:// masters");
            }
            if (ca != null && http > 0) {
                throw new IllegalArgumentException("--master '" + masters + "' names plain http:// masters, but"
                        + " --ssl-ca asks for TLS");
            }
            Optional<ClientTls> tls = ca != null ? Optional.of(trusting(ca))
                    : https > 0 ? Optional.of(ClientTls.jdkDefaults()) : Optional.empty();
            return new AgentMasters(String.join(",", hostPorts), tls);
        }

        private static ClientTls trusting(Path ca) {
            try {
                return ClientTls.trusting(ca);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ssl-ca: " + e.getMessage(), e);
            }
        }
    }

    /** An agent's masters as {@code host:port[,...]} and how to reach them. */
    record AgentMasters(String hostPorts, Optional<ClientTls> tls) {
    }
}
