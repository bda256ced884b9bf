package io.mezzo.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.tls.ClientTls;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mezzo state}: asks every master who it is and who leads ({@code GET /mezzo/cluster}),
 * and the leader how many agents and frameworks it has ({@code GET /state}). A master without
 * {@code /mezzo/cluster} (a cluster of one) is taken as leading, with epoch 0.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Show the masters of a cluster, which one leads, and the leader's agents and frameworks.",
                "Exits 0 when a leader is known, 1 otherwise."})
final class StateCommand implements Callable<Integer> {
    @Option(names = "--master", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "The masters' HTTP addresses, e.g. 127.0.0.1:5050,127.0.0.1:5051.")
    List<String> masters = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON document instead of a table.")
    boolean json;

    @Mixin
    MasterAccess access;

    private HttpClient http = client(Optional.empty());
    private Supplier<Map<String, String>> headers = Map::of;

    @Override
    public Integer call() throws Exception {
        ObjectNode report = reportAsFlagsSay();
        print(report, System.out);
        return report.path("leader").isNull() ? 1 : 0;
    }

    /** The report of the {@code --master}s, trusting ({@code --ssl-ca}) and presenting ({@code --credential}) as asked. */
    ObjectNode reportAsFlagsSay() throws InterruptedException {
        List<URI> urls = access.urls(masters);
        http = client(access.trust(urls));
        headers = CredentialOption.headers(access.credential());
        return report(urls);
    }

    /** HTTPS masters are verified against {@code tls} (host names too), else against the JDK's CAs. */
    private static HttpClient client(Optional<ClientTls> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3));
        tls.ifPresent(t -> builder.sslContext(t.sslContext()));
        return builder.build();
    }

    ObjectNode report(List<URI> urls) throws InterruptedException {
        ObjectNode report = MezzoJson.mapper().createObjectNode();
        ArrayNode rows = report.putArray("masters");
        Optional<String> leader = Optional.empty();
        for (URI url : urls) {
            ObjectNode row = rows.addObject().put("address", url.getHost() + ":" + url.getPort());
            try {
                JsonNode cluster = ask(url, "/mezzo/cluster");
                if (cluster == null) {
                    row.put("role", "leader").put("epoch", 0); // a master without high availability
                    leader = leader.or(() -> Optional.of(row.path("address").asText()));
                    continue;
                }
                JsonNode self = cluster.path("self");
                row.put("role", self.path("role").asText("unknown")).put("epoch", self.path("epoch").asLong());
                if (!cluster.path("leader").isNull() && cluster.path("leader").has("address")) {
                    leader = leader.or(() -> Optional.of(cluster.path("leader").path("address").asText()));
                }
            } catch (java.io.IOException e) {
                row.put("role", "unreachable").put("error", String.valueOf(e.getMessage()));
            }
        }
        if (leader.isEmpty()) {
            report.putNull("leader");
            return report;
        }
        report.put("leader", leader.get());
        try {
            JsonNode state = ask(URI.create(scheme(urls) + "://" + leader.get()), "/state");
            if (state != null) {
                report.put("agents", state.path("slaves").size()).put("frameworks", state.path("frameworks").size());
            }
        } catch (java.io.IOException e) {
            report.put("leader_state_error", String.valueOf(e.getMessage()));
        }
        return report;
    }

    private static String scheme(List<URI> urls) {
        return urls.get(0).getScheme();
    }

    /** The JSON answer of {@code path}, or null on 404 (the master does not serve it). */
    private JsonNode ask(URI master, String path) throws java.io.IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(master.resolve(path)).timeout(Duration.ofSeconds(5)).GET();
        headers.get().forEach(request::header);
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new java.io.IOException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return MezzoJson.mapper().readTree(r.body());
    }

    void print(ObjectNode report, PrintStream out) {
        if (json) {
            out.println(MezzoJson.writeString(report));
            return;
        }
        String leader = report.path("leader").asText(null);
        for (JsonNode row : report.path("masters")) {
            String address = row.path("address").asText();
            boolean leads = address.equals(leader);
            StringBuilder line = new StringBuilder(leads ? "* " : "  ").append(String.format("%-21s %-11s",
                    address, row.path("role").asText()));
            if (row.has("epoch")) {
                line.append(" epoch ").append(row.path("epoch").asLong());
            }
            if (leads && report.has("agents")) {
                line.append("  agents ").append(report.path("agents").asInt()).append("  frameworks ")
                        .append(report.path("frameworks").asInt());
            }
            if (row.has("error")) {
                line.append(" (").append(row.path("error").asText()).append(')');
            }
            out.println(line);
        }
        out.println(leader == null ? "no leader is known" : "leader: " + leader);
        if (report.has("leader_state_error")) {
            out.println("the leader's /state: " + report.path("leader_state_error").asText());
        }
    }
}
