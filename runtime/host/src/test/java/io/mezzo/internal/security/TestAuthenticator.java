package io.mezzo.internal.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.spi.Authentication;
import io.mezzo.spi.AuthenticationException;
import io.mezzo.spi.AuthenticationExchange;
import io.mezzo.spi.AuthenticationSettings;
import io.mezzo.spi.AuthenticationStep;
import io.mezzo.spi.Authenticator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * A stand-in for the authenticator bundle (until it is installed), through the SPI only:
 * Mesos's credentials JSON, CRAM-MD5 with the JDK's SASL server, HTTP Basic, and a refusal
 * delay of one second per earlier failure of the same principal and address (the first is 0).
 */
public final class TestAuthenticator implements Authenticator {
    public static final Duration STEP = Duration.ofSeconds(1);

    @Override
    public Authentication open(AuthenticationSettings settings) throws AuthenticationException {
        Path file = settings.credentials().orElseThrow(() -> new AuthenticationException("no credentials file"));
        Map<String, String> secrets = new HashMap<>();
        try {
            for (JsonNode c : MezzoJson.mapper().readTree(Files.readAllBytes(file)).path("credentials")) {
                secrets.put(c.path("principal").asText(), c.path("secret").asText());
            }
        } catch (IOException e) {
            throw new AuthenticationException("cannot read credentials " + file + ": " + e.getMessage());
        }
        return new Opened(Map.copyOf(secrets));
    }

    /** Writes Mesos's credentials JSON for {@code principal → secret} pairs. */
    public static Path credentialsFile(Path dir, Map<String, String> secrets) throws IOException {
        StringBuilder json = new StringBuilder("{\"credentials\":[");
        secrets.forEach((p, s) -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                .append("{\"principal\":\"").append(p).append("\",\"secret\":\"").append(s).append("\"}"));
        return Files.writeString(dir.resolve("credentials.json"), json.append("]}").toString());
    }

    private static final class Opened implements Authentication {
        private final Map<String, String> secrets;
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();

        Opened(Map<String, String> secrets) {
            this.secrets = secrets;
        }

        @Override
        public List<String> mechanisms() {
            return List.of("CRAM-MD5");
        }

        @Override
        public AuthenticationExchange start(String mechanism, String peer) throws AuthenticationException {
            if (!mechanism.equals("CRAM-MD5")) {
                throw new AuthenticationException("mechanism " + mechanism + " is not offered");
            }
            SaslServer server;
            try {
                server = Sasl.createSaslServer("CRAM-MD5", "mezzo", "master", null, this::callbacks);
            } catch (SaslException e) {
                throw new AuthenticationException(e.getMessage(), e);
            }
            return new AuthenticationExchange() {
                @Override
                public AuthenticationStep begin() {
                    try {
                        return new AuthenticationStep.Challenge(server.evaluateResponse(new byte[0]));
                    } catch (SaslException e) {
                        return refuse("?", peer);
                    }
                }

                @Override
                public AuthenticationStep respond(byte[] response) {
                    try {
                        server.evaluateResponse(response);
                        return new AuthenticationStep.Authenticated(server.getAuthorizationID());
                    } catch (SaslException e) {
                        return refuse(new String(response).split(" ")[0], peer);
                    }
                }

                @Override
                public void abort() {
                }
            };
        }

        private void callbacks(Callback[] callbacks) {
            String name = null;
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    name = n.getDefaultName();
                } else if (c instanceof PasswordCallback p) {
                    String secret = secrets.get(name);
                    // An unknown principal gets a secret nobody knows, so the exchange fails like a wrong one.
                    p.setPassword((secret == null ? "\u0000unknown" : secret).toCharArray());
                } else if (c instanceof AuthorizeCallback a) {
                    a.setAuthorized(a.getAuthenticationID().equals(a.getAuthorizationID()));
                }
            }
        }

        @Override
        public AuthenticationStep basic(String principal, String secret, String peer) {
            if (secret.equals(secrets.get(principal))) {
                failures.remove(principal + "@" + peer);
                return new AuthenticationStep.Authenticated(principal);
            }
            return refuse(principal, peer);
        }

        private AuthenticationStep refuse(String principal, String peer) {
            int before = failures.merge(principal + "@" + peer, 1, Integer::sum) - 1;
            return new AuthenticationStep.Refused("invalid credentials", STEP.multipliedBy(before));
        }

        @Override
        public void close() {
        }
    }
}
