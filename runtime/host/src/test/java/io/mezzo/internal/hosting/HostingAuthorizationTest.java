package io.mezzo.internal.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.testkit.RuleAuthorizer;
import io.mezzo.spi.Action;
import io.mezzo.spi.AuthorizationSettings;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading {@code /mezzo/frameworks} is governed by {@code get_endpoints}, as Mesos governs its read endpoints. */
class HostingAuthorizationTest {

    @Test
    void listingHostedFrameworksNeedsGetEndpointsForItsPath() throws Exception {
        RuleAuthorizer rules = RuleAuthorizer.of((p, a, o) -> a != Action.GET_ENDPOINT_WITH_PATH);
        try (AuthorizerHost authorizer = AuthorizerHost.open(AuthorizerSource.fixed(rules.plugin("rules", 1)),
                new PluginGuard(), new AuthorizationSettings(Optional.of("{}")), Runnable::run);
             HostingMaster master = new HostingMaster(authorizer)) {
            HttpResponse<String> list = master.get("/mezzo/frameworks");
            assertThat(list.statusCode()).isEqualTo(403);
            assertThat(list.body()).isEqualTo("Not authorized to GET /mezzo/frameworks as an unauthenticated caller");
            assertThat(rules.asked).containsExactly("-|GET_ENDPOINT_WITH_PATH|/mezzo/frameworks");
            HttpResponse<String> stop = master.post("/mezzo/frameworks/stop", "{\"id\":\"none\"}");
            assertThat(stop.statusCode()).as("stopping is not a read of the endpoint").isEqualTo(404);
        }
    }

    @Test
    void listingHostedFrameworksIsAllowedWhenGetEndpointsAllowsIt() throws Exception {
        RuleAuthorizer rules = RuleAuthorizer.of((p, a, o) -> true);
        try (AuthorizerHost authorizer = AuthorizerHost.open(AuthorizerSource.fixed(rules.plugin("rules", 1)),
                new PluginGuard(), new AuthorizationSettings(Optional.of("{}")), Runnable::run);
             HostingMaster master = new HostingMaster(authorizer)) {
            assertThat(master.get("/mezzo/frameworks").statusCode()).isEqualTo(200);
        }
    }
}
