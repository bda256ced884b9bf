package io.mezzo.internal.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.Allocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A burst of events that each want an allocation makes one allocation run. */
class AllocationCoalescingTest {

    /** Holds the master's thread inside the first addAgent until the test has queued the burst. */
    static final class Gate extends AllocatorSwapReplayTest.Recording {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void addAgent(AgentId id, AgentSpec agent, Resources total, List<Usage> used) {
            super.addAgent(id, agent, total, used);
            if (entered.getCount() == 1) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void tenRegistrationsQueuedTogetherMakeOneAllocationRun() throws Exception {
        Gate gate = new Gate();
        Master master = new Master(MasterConfig.defaults("h", "127.0.0.1", 5050),
                new MasterInfo("m", "127.0.0.1", 5050, "h", "test"), new FakeTime(), new InMemoryMasterStore(),
                AllocatorSource.fixed(new Plugin<>(gate, "gate", 0, "test", "1", 1)), new PluginGuard(), Map.of());
        try {
            master.start().join();
            List<CompletableFuture<AgentId>> registrations = new ArrayList<>();
            registrations.add(register(master, 0));
            assertThat(gate.entered.await(20, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < 10; i++) {
                registrations.add(register(master, i));
            }
            gate.release.countDown();
            registrations.forEach(CompletableFuture::join);
            master.snapshot().join();
            master.snapshot().join();
            assertThat(gate.calls.stream().filter(c -> c.equals("allocate")).count()).isEqualTo(1);
            assertThat(master.metrics().get("allocator/mesos/allocation_runs")).isEqualTo(1);
        } finally {
            gate.release.countDown();
            master.close();
        }
    }

    private static CompletableFuture<AgentId> register(Master master, int i) {
        return master.registerAgent(new AgentCall.Register(Optional.empty(),
                new AgentInfo("agent-" + i, 5051, Resources.parse("cpus:1;mem:128"), List.of()), List.of(), List.of(),
                "t"), new AgentStream() {
                    @Override
                    public String streamId() {
                        return "s" + i;
                    }

                    @Override
                    public void send(AgentEvent event) {
                    }

                    @Override
                    public void close() {
                    }
                });
    }
}
