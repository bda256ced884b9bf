package io.mezzo.internal.cli;

import io.mezzo.internal.security.AuthenticationPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Who a master makes authenticate (Mesos's flags, all off by default), and against which credentials. */
final class AuthenticationOptions {
    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Credentials the authenticator checks, Mesos's JSON"
                    + " {\"credentials\":[{\"principal\":\"p\",\"secret\":\"s\"}]} (a path or file://...).")
    String credentials;

    @Option(names = {"--authenticate-frameworks", "--authenticate_frameworks", "--authenticate-http-frameworks",
            "--authenticate_http_frameworks", "--authenticate"}, defaultValue = "false",
            description = "Frameworks must authenticate to the scheduler API with HTTP Basic (realm"
                    + " mesos-master-scheduler); needs --credentials.")
    boolean frameworks;

    @Option(names = {"--authenticate-agents", "--authenticate_agents"}, defaultValue = "false",
            description = "Agents must authenticate (CRAM-MD5) before they register; needs --credentials.")
    boolean agents;

    @Option(names = {"--authenticate-http-readonly", "--authenticate_http_readonly"}, defaultValue = "false",
            description = "Read-only endpoints (/state, /metrics/snapshot, /redirect) need HTTP Basic; needs"
                    + " --credentials.")
    boolean httpReadonly;

    @Option(names = {"--authenticate-http-readwrite", "--authenticate_http_readwrite"}, defaultValue = "false",
            description = "Endpoints that change state (/api/v1, /mezzo/frameworks) need HTTP Basic; needs"
                    + " --credentials.")
    boolean httpReadwrite;

    /** The policy; fails naming the flag that needs --credentials when it is missing. */
    AuthenticationPolicy policy() {
        return new AuthenticationPolicy(credentialsPath(), frameworks, agents, httpReadonly, httpReadwrite);
    }

    private Optional<Path> credentialsPath() {
        if (credentials == null || credentials.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(credentials.startsWith("file://") ? Path.of(URI.create(credentials))
                    : Path.of(credentials).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--credentials: '" + credentials + "' is not a path or file:// URI: "
                    + e.getMessage(), e);
        }
    }

    /** The flags as Mesos names them, for {@code /state} (the file's name, never its content). */
    void addTo(Map<String, String> flags) {
        flags.put("credentials", credentialsPath().map(Path::toString).orElse(""));
        flags.put("authenticate_frameworks", Boolean.toString(frameworks));
        flags.put("authenticate_agents", Boolean.toString(agents));
        flags.put("authenticate_http_readonly", Boolean.toString(httpReadonly));
        flags.put("authenticate_http_readwrite", Boolean.toString(httpReadwrite));
    }
}
