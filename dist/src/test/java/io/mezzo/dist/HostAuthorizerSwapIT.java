package io.mezzo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.dist.swap.DenyAllAuthorizerActivator;
import io.mezzo.internal.runtime.HostRuntime;
import io.mezzo.internal.runtime.MasterSecurity;
import io.mezzo.internal.runtime.MasterService;
import io.mezzo.spi.AuthorizationSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The authorizer swapped the way an operator does it, on the assembled distribution and the
 * real host runtime, seen only over HTTP: a master enforcing Mesos ACLs with Mezzo's own
 * authorizer lets a framework subscribe; a deny-all authorizer jar dropped into the deploy
 * directory takes over at once (the next SUBSCRIBE gets an ERROR event); deleting the jar
 * hands back to Mezzo's authorizer and the same SUBSCRIBE succeeds again.
 */
class HostAuthorizerSwapIT {
    private static final String ACLS = "{\"permissive\": false, \"register_frameworks\": ["
            + "{\"principals\": {\"type\": \"ANY\"}, \"roles\": {\"values\": [\"*\"]}}]}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void droppingADenyAllAuthorizerJarRefusesSubscriptionsAndDeletingItAllowsThemAgain() throws Exception {
        Path work = Distribution.work("authorizer-swap");
        Path deploy = work.resolve("deploy");
        try (HostRuntime runtime = HostRuntime.start(Distribution.home(), work, deploy);
             MasterService master = startMaster(runtime)) {
            awaitAuthorizer(master, "local");
            assertThat(firstEvent(master).path("type").asText()).as("the ACLs allow role *").isEqualTo("SUBSCRIBED");

            Path built = Distribution.writeBundle(work.resolve("build").resolve("deny-all-authorizer.jar"),
                    DenyAllAuthorizerActivator.manifestHeaders(), DenyAllAuthorizerActivator.class);
            Path jar = Files.move(built, deploy.resolve(built.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            awaitAuthorizer(master, DenyAllAuthorizerActivator.NAME);
            JsonNode refused = firstEvent(master);
            assertThat(refused.path("type").asText()).as("the new authorizer decides").isEqualTo("ERROR");
            assertThat(refused.path("error").path("message").asText()).contains("Not authorized");

            Files.delete(jar);
            awaitAuthorizer(master, "local");
            assertThat(firstEvent(master).path("type").asText()).as("Mezzo's authorizer is back")
                    .isEqualTo("SUBSCRIBED");
        }
    }

    private static MasterService startMaster(HostRuntime runtime) throws IOException {
        return DistMasters.start(runtime, "authz-swap-it",
                MasterSecurity.NONE.withAuthorization(new AuthorizationSettings(Optional.of(ACLS))));
    }

    /** SUBSCRIBEs a new framework in role {@code *} and returns the stream's first event; closes the stream. */
    private JsonNode firstEvent(MasterService master) throws Exception {
        String call = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"tester\","
                + "\"name\":\"swap\",\"principal\":\"ops\"}}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(master.url() + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(call)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            return HttpFramework.JSON.readTree(record(body));
        }
    }

    /** One RecordIO record: the decimal length, a newline, then that many bytes. */
    private static byte[] record(InputStream in) throws IOException {
        ByteArrayOutputStream length = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the stream ended before a record");
            }
            length.write(b);
        }
        return in.readNBytes(Integer.parseInt(length.toString().trim()));
    }

    private JsonNode state(MasterService master) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(master.url() + "/state")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /state: " + response.body()).isEqualTo(200);
        return HttpFramework.JSON.readTree(response.body());
    }

    /** {@code /state} once its {@code flags.authorizer} names {@code authorizer}. */
    private void awaitAuthorizer(MasterService master, String authorizer) throws Exception {
        Waits.until("/state flags.authorizer is " + authorizer, Waits.PLUGIN, () -> state(master),
                s -> s.path("flags").path("authorizer").asText().equals(authorizer));
    }
}
