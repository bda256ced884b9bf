package io.mezzo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.api.AgentId;
import io.mezzo.api.Resources;
import io.mezzo.dist.swap.CpusOnlyAllocatorActivator;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.runtime.HostRuntime;
import io.mezzo.internal.runtime.MasterSecurity;
import io.mezzo.internal.runtime.MasterService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The swap the way an operator does it, on the assembled distribution and the real host
 * runtime (Felix, FileInstall, Vert.x, Hazelcast), seen only over HTTP: drop a higher-ranked
 * allocator jar into the deploy directory, then delete it.
 *
 * <p>The agent ({@value #AGENT}) runs a task ({@value #TASK}) throughout. drf offers the whole
 * free pool; {@link CpusOnlyAllocatorActivator} offers only free cpus. So {@code cpus:3} shows
 * both who decided and that the new allocator was told what the task holds.
 */
class HostAllocatorSwapIT {
    private static final String AGENT = "cpus:4;mem:4096";
    private static final String TASK = "cpus:1;mem:512";
    private static final Resources TOTAL = Resources.parse(AGENT);
    private static final Resources TASK_RESOURCES = Resources.parse(TASK);
    private static final Resources DRF_REST = Resources.parse("cpus:3;mem:3584");
    private static final Resources CPUS_REST = Resources.parse("cpus:3");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void droppingAHigherRankedAllocatorJarSwitchesTheMasterAndDeletingItFallsBackToDrf() throws Exception {
        Path work = Distribution.work("host-swap");
        Path deploy = work.resolve("deploy");
        OfferLedger ledger = new OfferLedger(TOTAL);
        try (HostRuntime runtime = HostRuntime.start(Distribution.home(), work, deploy);
             MasterService master = startMaster(runtime);
             HttpAgent agent = new HttpAgent(master.url());
             HttpFramework framework = new HttpFramework(master.url(), ledger)) {
            awaitAllocator(master, "drf");
            AgentId agentId = agent.register("agent-1.swap.test", TOTAL);
            framework.subscribe("swap-over-http");

            JsonNode whole = framework.nextOffer();
            assertThat(HttpFramework.resources(whole)).as("drf offers the whole agent").isEqualTo(TOTAL);
            framework.launch(whole, "busy", TASK_RESOURCES);
            assertThat(agent.next(AgentEvent.LaunchTask.class).task().agentId()).isEqualTo(agentId);
            JsonNode drfOffer = framework.nextOffer();
            assertThat(HttpFramework.resources(drfOffer)).as("drf offers what the task left").isEqualTo(DRF_REST);

            Path jar = drop(work, deploy);
            assertThat(awaitAllocator(master, CpusOnlyAllocatorActivator.NAME).path("flags").path("allocator")
                    .asText()).isEqualTo(CpusOnlyAllocatorActivator.NAME);
            assertThat(framework.nextRescind()).as("drf's offer is rescinded first")
                    .isEqualTo(HttpFramework.offerId(drfOffer));
            JsonNode cpusOffer = framework.nextOffer();
            assertThat(HttpFramework.resources(cpusOffer))
                    .as("the new allocator decides (cpus only) and knows the task holds cpus:1").isEqualTo(CPUS_REST);
            assertTaskHoldsAndNothingIsOfferedTwice(state(master));

            Files.delete(jar);
            awaitAllocator(master, "drf");
            assertThat(framework.nextRescind()).as("the cpus-only offer is rescinded when its jar goes")
                    .isEqualTo(HttpFramework.offerId(cpusOffer));
            assertThat(HttpFramework.resources(framework.nextOffer()))
                    .as("drf offers again, and knows the task holds cpus:1;mem:512").isEqualTo(DRF_REST);
            assertTaskHoldsAndNothingIsOfferedTwice(state(master));

            assertThat(ledger.violations()).as("offers + tasks never exceeded the agent").isEmpty();
            assertThat(framework.unread()).as("no event beyond those checked").isEmpty();
        }
    }

    private static MasterService startMaster(HostRuntime runtime) throws IOException {
        return DistMasters.start(runtime, "swap-it", MasterSecurity.NONE);
    }

    /** Builds the allocator bundle outside the deploy directory and moves it in whole, as an operator would. */
    private static Path drop(Path work, Path deploy) throws IOException {
        Path built = Distribution.writeBundle(work.resolve("build").resolve("cpus-only-allocator.jar"),
                CpusOnlyAllocatorActivator.manifestHeaders(), CpusOnlyAllocatorActivator.class);
        return Files.move(built, deploy.resolve(built.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private JsonNode state(MasterService master) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(master.url() + "/state")).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /state: " + response.body()).isEqualTo(200);
        return HttpFramework.JSON.readTree(response.body());
    }

    /**
     * {@code /state} once its {@code flags.allocator} names {@code allocator}. A swap that never
     * happens fails with every thread's stack and held locks: it failed once in a full run (not
     * again in reruns) and a stuck bundle start or a lock cycle would show there.
     */
    private JsonNode awaitAllocator(MasterService master, String allocator) throws Exception {
        try {
            return Waits.until("/state flags.allocator is " + allocator, Waits.PLUGIN, () -> state(master),
                    s -> s.path("flags").path("allocator").asText().equals(allocator));
        } catch (AssertionError e) {
            StringBuilder threads = new StringBuilder();
            for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                threads.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
                if (info.getLockName() != null) {
                    threads.append(" on ").append(info.getLockName()).append(" held by ").append(info.getLockOwnerName());
                }
                threads.append('\n');
                for (StackTraceElement frame : info.getStackTrace()) {
                    threads.append("\tat ").append(frame).append('\n');
                }
                for (MonitorInfo monitor : info.getLockedMonitors()) {
                    threads.append("\tholds ").append(monitor).append(" (at ").append(monitor.getLockedStackFrame())
                            .append(")\n");
                }
            }
            throw new AssertionError(e.getMessage() + "\n=== threads:\n" + threads, e);
        }
    }

    private static void assertTaskHoldsAndNothingIsOfferedTwice(JsonNode state) {
        JsonNode agent = state.path("slaves").get(0);
        for (String name : new String[] {"cpus", "mem"}) {
            double total = agent.path("resources").path(name).asDouble();
            double used = agent.path("used_resources").path(name).asDouble();
            double offered = agent.path("offered_resources").path(name).asDouble();
            assertThat(used).as(name + " used by the task").isEqualTo(TASK_RESOURCES.scalar(name).value());
            assertThat(used + offered).as(name + " used + offered within the agent's " + total)
                    .isLessThanOrEqualTo(total);
        }
    }
}
