package io.mezzo.dist;

import io.mezzo.api.AgentId;
import io.mezzo.api.Resources;
import io.mezzo.api.TaskId;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.master.CallResult;
import io.mezzo.internal.master.InMemoryMasterStore;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.SchedulerCall;
import io.mezzo.internal.master.SchedulerEvent;
import io.mezzo.internal.master.SubscribeRequest;
import io.mezzo.internal.master.Subscription;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.CommandInfo;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.Allocator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;

/**
 * A real {@link Master} built inside the OSGi test the way {@code HostRuntime} and
 * {@code MasterService} build it, except for the edges: an in-memory store, a fake clock (so
 * only events trigger allocation, never the interval), and in-test streams instead of HTTP.
 * Its allocator is whatever Allocator service ranks highest in the framework, through a
 * {@link PluginSlot} as in the host. One agent; a first framework subscribes at start, others
 * may follow.
 */
final class InProcessMaster implements AutoCloseable {
    private final PluginSlot<Allocator> slot;
    private final Master master;
    private final Resources total;
    private final OfferLedger ledger;
    private final FakeTime time = new FakeTime();
    private final RecordingAgentStream agent = new RecordingAgentStream("agent-stream");
    private RecordingFrameworkStream framework;
    private AgentId agentId;

    private InProcessMaster(PluginSlot<Allocator> slot, Resources total) {
        this.slot = slot;
        this.total = total;
        this.ledger = new OfferLedger(total);
        MasterConfig config = MasterConfig.defaults("127.0.0.1", "127.0.0.1", 5050);
        MasterInfo info = new MasterInfo("swap-master", "127.0.0.1", 5050, "127.0.0.1", "test");
        this.master = new Master(config, info, time, new InMemoryMasterStore(), allocators(slot),
                new PluginGuard(), Map.of());
    }

    /** Starts the master once {@code expectedAllocator} serves, then registers the agent and subscribes. */
    static InProcessMaster start(BundleContext context, Resources agentTotal, String expectedAllocator)
            throws Exception {
        PluginSlot<Allocator> slot = PluginSlot.open(context, Allocator.class);
        InProcessMaster m = new InProcessMaster(slot, agentTotal);
        try {
            Waits.until("allocator " + expectedAllocator + " registered", Waits.PLUGIN,
                    () -> slot.current().map(Plugin::name), Optional.of(expectedAllocator)::equals);
            m.master.start().get(Waits.EVENT.toSeconds(), TimeUnit.SECONDS);
            m.registerAgent();
            m.framework = m.subscribe("swap-test");
            return m;
        } catch (Exception | AssertionError e) {
            m.close();
            throw e;
        }
    }

    /** As {@code HostRuntime.allocators()}: the slot's current plugin, and its changes. */
    private static AllocatorSource allocators(PluginSlot<Allocator> slot) {
        return new AllocatorSource() {
            @Override
            public Optional<Plugin<Allocator>> current() {
                return slot.current();
            }

            @Override
            public void onChange(Runnable listener) {
                slot.subscribe(p -> listener.run());
            }
        };
    }

    private void registerAgent() throws Exception {
        AgentCall.Register register = new AgentCall.Register(Optional.empty(),
                new AgentInfo("agent-1.swap.test", 5051, total, List.of()), List.of(), List.of(), "test");
        agentId = master.registerAgent(register, agent).get(Waits.EVENT.toSeconds(), TimeUnit.SECONDS);
        agent.next(AgentEvent.Registered.class);
    }

    /** Subscribes another framework (roles {@code *}); returns its stream once SUBSCRIBED arrived. */
    RecordingFrameworkStream subscribe(String name) throws Exception {
        RecordingFrameworkStream stream = new RecordingFrameworkStream(name + "-stream", ledger);
        FrameworkInfo info = new FrameworkInfo(Optional.empty(), "tester", name, List.of(),
                Duration.ofDays(7), false, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), List.of());
        Subscription subscription = master.subscribe(new SubscribeRequest(info, Optional.empty(), Set.of()), stream)
                .get(Waits.EVENT.toSeconds(), TimeUnit.SECONDS);
        if (!(subscription instanceof Subscription.Subscribed subscribed)) {
            throw new AssertionError("SUBSCRIBE refused: " + subscription);
        }
        stream.subscribed(subscribed.frameworkId());
        stream.next(SchedulerEvent.Subscribed.class);
        return stream;
    }

    /** The framework subscribed at start. */
    RecordingFrameworkStream framework() {
        return framework;
    }

    OfferLedger ledger() {
        return ledger;
    }

    /**
     * Accepts the whole {@code offer}, launching one command task that uses {@code resources};
     * the rest goes back to the allocator without a refuse filter. Returns the task's id once
     * the agent was told to launch it.
     */
    TaskId launch(Offer offer, String taskName, Resources resources) throws Exception {
        TaskSpec task = new TaskSpec(new TaskId(taskName), taskName, agentId, resources,
                CommandInfo.shell("sleep 600"), Optional.empty(), List.of(), Optional.empty());
        ledger.accepted(offer.id().value(), resources);
        SchedulerCall.Accept accept = new SchedulerCall.Accept(List.of(offer.id()),
                List.of(new SchedulerCall.LaunchRequest(task, Optional.empty(), Optional.empty())),
                Optional.of(Duration.ZERO));
        call(framework, accept);
        AgentEvent.LaunchTask launched = agent.next(AgentEvent.LaunchTask.class);
        if (!launched.task().taskId().equals(task.taskId())) {
            throw new AssertionError("the agent was told to launch " + launched.task().taskId());
        }
        return task.taskId();
    }

    /** TEARDOWN: the master removes the framework and closes its stream. */
    void teardown(RecordingFrameworkStream stream) throws Exception {
        call(stream, new SchedulerCall.Teardown());
    }

    private void call(RecordingFrameworkStream stream, SchedulerCall call) throws Exception {
        CallResult result = master.call(stream.frameworkId(), stream.streamId(), call, java.util.Optional.empty())
                .get(Waits.EVENT.toSeconds(), TimeUnit.SECONDS);
        if (!(result instanceof CallResult.Accepted)) {
            throw new AssertionError(call.type() + " answered " + result);
        }
    }

    /** Moves the master's clock: each allocation interval passed runs the allocator once more. */
    void advance(Duration by) throws Exception {
        time.advance(by);
        snapshot();
    }

    MasterSnapshot snapshot() throws Exception {
        return master.snapshot().get(Waits.EVENT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The master's snapshot once it names {@code allocator} as the one in use. */
    MasterSnapshot awaitAllocator(String allocator) throws Exception {
        return Waits.until("master uses allocator " + allocator, Waits.PLUGIN, this::snapshot,
                s -> s.allocator().equals(allocator));
    }

    /** Nothing of the agent is both used by a task and offered, or offered twice, as the master sees it. */
    static void assertNothingOfferedTwice(MasterSnapshot snapshot) {
        for (MasterSnapshot.AgentView agent : snapshot.agents()) {
            Resources held = agent.used().plus(agent.offered());
            if (!agent.info().resources().contains(held)) {
                throw new AssertionError("agent " + agent.id() + " has used " + agent.used() + " and offered "
                        + agent.offered() + ", more than its total " + agent.info().resources());
            }
        }
    }

    @Override
    public void close() {
        master.close();
        slot.close();
    }
}
