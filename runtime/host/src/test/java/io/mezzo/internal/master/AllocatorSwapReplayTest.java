package io.mezzo.internal.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a newly installed allocator is told, in which order, and what one that comes back forgets. */
class AllocatorSwapReplayTest {
    /** Records each call by name (and the interesting argument). */
    static class Recording implements Allocator {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void initialize(AllocatorContext context) {
            calls.add("initialize");
        }

        @Override
        public void addFramework(FrameworkId id, FrameworkSpec f, List<Usage> used, boolean active, Set<String> s) {
            calls.add("addFramework " + f.name());
        }

        @Override
        public void removeFramework(FrameworkId id) {
            calls.add("removeFramework");
        }

        @Override
        public void activateFramework(FrameworkId id) {
            calls.add("activateFramework");
        }

        @Override
        public void deactivateFramework(FrameworkId id) {
            calls.add("deactivateFramework");
        }

        @Override
        public void updateFramework(FrameworkId id, FrameworkSpec f, Set<String> suppressed) {
            calls.add("updateFramework");
        }

        @Override
        public void addAgent(AgentId id, AgentSpec agent, Resources total, List<Usage> used) {
            calls.add("addAgent " + agent.hostname());
        }

        @Override
        public void removeAgent(AgentId id) {
            calls.add("removeAgent");
        }

        @Override
        public void activateAgent(AgentId id) {
            calls.add("activateAgent");
        }

        @Override
        public void deactivateAgent(AgentId id) {
            calls.add("deactivateAgent");
        }

        @Override
        public void recoverResources(FrameworkId f, AgentId a, String role, Resources r, Optional<Duration> refuse) {
            calls.add("recoverResources");
        }

        @Override
        public void suppressOffers(FrameworkId framework, Set<String> roles) {
            calls.add("suppressOffers");
        }

        @Override
        public void reviveOffers(FrameworkId framework, Set<String> roles) {
            calls.add("reviveOffers");
        }

        @Override
        public void updateWeights(Map<String, Double> weights) {
            calls.add("updateWeights " + weights);
        }

        @Override
        public void updateQuota(Map<String, Quota> quotas) {
            calls.add("updateQuota " + quotas.keySet());
        }

        @Override
        public void allocate() {
            calls.add("allocate");
        }

        List<String> withoutAllocations() {
            synchronized (calls) {
                return calls.stream().filter(c -> !c.equals("allocate")).toList();
            }
        }
    }

    /** A source whose current allocator the test switches. */
    static final class Switchable implements AllocatorSource {
        volatile Optional<Plugin<Allocator>> current;
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        Switchable(Plugin<Allocator> first) {
            current = Optional.of(first);
        }

        void switchTo(Plugin<Allocator> next) {
            current = Optional.of(next);
            listeners.forEach(Runnable::run);
        }

        @Override
        public Optional<Plugin<Allocator>> current() {
            return current;
        }

        @Override
        public void onChange(Runnable listener) {
            listeners.add(listener);
        }
    }

    final Recording first = new Recording();
    final Recording second = new Recording();
    final Plugin<Allocator> firstPlugin = new Plugin<>(first, "first", 0, "test.first", "1", 1);
    final Plugin<Allocator> secondPlugin = new Plugin<>(second, "second", 10, "test.second", "1", 2);
    final Switchable source = new Switchable(firstPlugin);
    final Master master = new Master(MasterConfig.defaults("h", "127.0.0.1", 5050),
            new MasterInfo("m", "127.0.0.1", 5050, "h", "test"), new FakeTime(), new InMemoryMasterStore(), source,
            new PluginGuard(), Map.of());

    @AfterEach
    void stop() {
        master.close();
    }

    private static FrameworkStream frameworkStream(Consumer<SchedulerEvent> sink) {
        return new FrameworkStream() {
            @Override
            public String streamId() {
                return "s";
            }

            @Override
            public void send(SchedulerEvent event) {
                sink.accept(event);
            }

            @Override
            public void close() {
            }
        };
    }

    private static AgentStream agentStream() {
        return new AgentStream() {
            @Override
            public String streamId() {
                return "a";
            }

            @Override
            public void send(AgentEvent event) {
            }

            @Override
            public void close() {
            }
        };
    }

    private void populate() {
        master.start().join();
        assertThat(master.updateWeights(Map.of("a", 2.0)).join()).isEmpty();
        master.registerAgent(new AgentCall.Register(Optional.empty(),
                new AgentInfo("agent-1", 5051, Resources.parse("cpus:4;mem:1024"), List.of()), List.of(), List.of(), "t"),
                agentStream()).join();
        FrameworkInfo info = new FrameworkInfo(Optional.empty(), "u", "fw-1", List.of(), Duration.ZERO, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), List.of());
        master.subscribe(new SubscribeRequest(info, Optional.empty(), Set.of()), frameworkStream(e -> { })).join();
    }

    @Test
    void newAllocatorGetsPolicyThenFrameworksThenAgents() {
        populate();
        source.switchTo(secondPlugin);
        master.snapshot().join();
        master.snapshot().join();
        assertThat(second.withoutAllocations()).containsExactly("initialize", "updateWeights {a=2.0}",
                "updateQuota []", "addFramework fw-1", "addAgent agent-1");
        assertThat(master.snapshot().join().allocator()).isEqualTo("second");
    }

    @Test
    void anAllocatorThatComesBackForgetsWhatItKnewAndIsNotInitializedAgain() {
        populate();
        source.switchTo(secondPlugin);
        master.snapshot().join();
        int before = first.calls.size();
        source.switchTo(firstPlugin);
        master.snapshot().join();
        master.snapshot().join();
        List<String> after;
        synchronized (first.calls) {
            after = first.calls.subList(before, first.calls.size()).stream()
                    .filter(c -> !c.equals("allocate")).toList();
        }
        assertThat(after).containsExactly("removeFramework", "removeAgent", "updateWeights {a=2.0}", "updateQuota []",
                "addFramework fw-1", "addAgent agent-1");
        assertThat(first.calls.stream().filter(c -> c.equals("initialize")).count()).isEqualTo(1);
    }
}
