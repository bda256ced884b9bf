package io.mezzo.dist.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.dist.LocalCluster;
import io.mezzo.dist.example.SchedulerClient.OnOffers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Write your own allocator" walk-through, done by a program on the assembled
 * distribution: build {@code scripts/examples/fifo-allocator} with Maven, run
 * {@code scripts/mezzo local --agents 2}, copy the jar into the deploy directory, watch
 * {@code /state} and the frameworks' offers, delete the jar.
 *
 * <p>Two frameworks: the older one declines every offer with a zero refusal, so its offers
 * come back every allocation round; the younger one keeps what it is offered. Keeping gives
 * its stream a marker of the switch: the master rescinds every outstanding offer when the
 * allocator changes, so once the younger holds nothing, whatever it is offered next came from
 * the new allocator. The test judges by events seen after that, never by elapsed time.
 *
 * <p>drf's exact choices are not asserted (that bundle is being rewritten), only that it gives
 * the younger framework something: with two agents and both frameworks at a zero share, any
 * DRF allocator gives the second agent to the framework that did not get the first.
 */
class FifoExampleIT {
    private static final Duration BUILD = Duration.ofMinutes(5);
    private static final Duration STARTUP = Duration.ofMinutes(2);
    /** FileInstall notices the jar (or its absence), DS registers the component, the master swaps. */
    private static final Duration PLUGIN = Duration.ofSeconds(60);
    /** For offers that follow from something that already happened. */
    private static final Duration EVENT = Duration.ofSeconds(30);
    /**
     * OFFERS events the older framework must receive under fifo while the younger receives
     * none: it declines each one at once, so each is at least one more allocation round.
     */
    private static final int ROUNDS = 10;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void exampleFifoAllocatorOffersEverythingToTheOldestFrameworkUntilItsJarIsDeleted() throws Exception {
        Path home = Path.of(System.getProperty("mezzo.dist.dir", "target/mezzo"));
        Path dir = Files.createDirectories(Path.of(System.getProperty("mezzo.test.work", "target/it-work"))
                .resolve("fifo-example-" + System.nanoTime()));
        Path built = ExampleBuild.packageJar(home, dir.resolve("build"), BUILD);

        try (LocalCluster cluster = LocalCluster.start(home, dir.resolve("cluster"), STARTUP,
                     "--agents", "2", "--allocation-interval", "100ms");
             SchedulerClient older = SchedulerClient.subscribe(cluster.master(), "fifo-it-older", OnOffers.DECLINE);
             SchedulerClient younger = SchedulerClient.subscribe(cluster.master(), "fifo-it-younger", OnOffers.KEEP)) {
            try {
                swapInAndOut(cluster, built, older, younger);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + cluster.output(), e);
            }
        }
    }

    private void swapInAndOut(LocalCluster cluster, Path built, SchedulerClient older, SchedulerClient younger)
            throws Exception {
        assertThat(allocator(cluster)).isEqualTo("drf");
        until("under drf the younger framework is offered something", EVENT,
                younger::offerEvents, n -> n > 0);

        // The README: cp target/fifo-allocator-*.jar <work-dir>/deploy/
        Path deployed = Files.copy(built, cluster.deployDir().resolve(built.getFileName()));
        until("/state flags.allocator is fifo", PLUGIN, () -> allocator(cluster), "fifo"::equals);
        until("the swap rescinded every offer the younger framework held, and fifo offered it none", EVENT,
                younger::held, Set::isEmpty);

        int youngerBefore = younger.offerEvents();
        int olderEventsBefore = older.offerEvents();
        int olderOffersBefore = older.offers().size();
        // Stops early if the younger is offered anything: no need to wait for the failure.
        until(ROUNDS + " more OFFERS events to the older framework", EVENT, () -> older.offerEvents(),
                n -> n >= olderEventsBefore + ROUNDS || younger.offerEvents() > youngerBefore);
        assertThat(younger.offerEvents()).as("OFFERS events to the younger framework under fifo, while the older"
                + " got " + (older.offerEvents() - olderEventsBefore)).isEqualTo(youngerBefore);
        assertThat(younger.held()).as("offers the younger framework holds under fifo").isEmpty();
        List<JsonNode> olderOffers = older.offers();
        List<JsonNode> fifoOffers = olderOffers.subList(olderOffersBefore, olderOffers.size());
        assertThat(fifoOffers.stream().map(SchedulerClient::agentId).collect(Collectors.toSet()))
                .as("agents whose resources fifo offered the older framework").hasSize(2);

        // The README: delete the jar and the master falls back to drf.
        Files.delete(deployed);
        until("/state flags.allocator is drf again", PLUGIN, () -> allocator(cluster), "drf"::equals);
        until("back on drf, the younger framework is offered something again", EVENT,
                younger::offerEvents, n -> n > youngerBefore);

        assertThat(older.failures()).as("older framework: refused calls, broken stream").isEmpty();
        assertThat(younger.failures()).as("younger framework: refused calls, broken stream").isEmpty();
    }

    /** {@code /state} {@code flags.allocator}: the name of the allocator the master uses. */
    private String allocator(LocalCluster cluster) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(cluster.master().resolve("/state"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /state: " + response.body()).isEqualTo(200);
        return SchedulerClient.JSON.readTree(response.body()).path("flags").path("allocator").asText();
    }

    /** Reads {@code probe} until {@code condition} holds; fails after {@code bound} with the last value read. */
    private static <T> void until(String what, Duration bound, Callable<T> probe, Predicate<T> condition)
            throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = probe.call();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what + "; last seen: " + last);
            }
            Thread.sleep(20); // polling interval, not synchronization: the condition decides
            last = probe.call();
        }
    }
}
