package io.mezzo.spi;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides which framework is offered which agent's free resources.
 *
 * <p>The master tells the allocator what happens (agents and frameworks come and go,
 * resources come back) and asks it to {@link #allocate()} on its interval and after
 * events; the allocator answers only through the {@link OfferSink} it was given at
 * {@link #initialize}. It never calls the master, reads no clock but
 * {@link AllocatorContext#clock()}, and does no I/O.
 *
 * <p>Threading: the master calls an allocator from one thread at a time, in the order
 * events happened. The sink may be called from any thread.
 *
 * <p>Accounting: the allocator owns the split of each agent's total into free and
 * allocated. Resources it offers count as allocated to that framework until the master
 * returns them with {@link #recoverResources}; resources in use when a framework or agent
 * is added are declared once, in {@link #addAgent} for frameworks already added and in
 * {@link #addFramework} for agents already added.
 *
 * <p>When an allocator replaces another while the master runs, the master rescinds every
 * outstanding offer and then replays its state into the new one (weights and quota, then
 * frameworks, then agents with their usage), so nothing is lost or offered twice. An allocator that was replaced
 * but stays installed may be used again later: it is then not initialized again, but told
 * to remove every framework and agent it knew before the replay.
 *
 * <p>Instances: the master uses one instance at a time. A plugin registered with prototype
 * scope may also be asked for instances of its own by a standby master, which rehearses leading
 * with them before it is ever elected; each such instance is initialized once and used as this
 * contract says, never shared with the master's. A singleton plugin is simply not rehearsed with.
 */
@ConsumerType
public interface Allocator {

    /** Called once, before any other method. */
    void initialize(AllocatorContext context);

    void addFramework(FrameworkId id, FrameworkSpec framework, List<Usage> used, boolean active,
                      Set<String> suppressedRoles);

    /** Forgets the framework; its allocations are released. */
    void removeFramework(FrameworkId id);

    /** The framework is connected again and may receive offers. */
    void activateFramework(FrameworkId id);

    /** The framework is disconnected: offer it nothing until it is activated. */
    void deactivateFramework(FrameworkId id);

    /** The framework changed its roles or suppressed roles (a re-subscription). */
    void updateFramework(FrameworkId id, FrameworkSpec framework, Set<String> suppressedRoles);

    void addAgent(AgentId id, AgentSpec agent, Resources total, List<Usage> used);

    /** Forgets the agent and every allocation on it. */
    void removeAgent(AgentId id);

    /** The agent is connected again; its free resources may be offered. */
    void activateAgent(AgentId id);

    /** The agent is disconnected: offer nothing of it until it is activated. */
    void deactivateAgent(AgentId id);

    /**
     * Resources allocated to {@code framework} on {@code agent} under {@code role} are free
     * again (declined, unused part of an accepted offer, rescinded, or a task ended). With
     * {@code refuseFor} present, do not offer them to that framework again for that long.
     */
    void recoverResources(FrameworkId framework, AgentId agent, String role, Resources resources,
                          Optional<Duration> refuseFor);

    /** Stop offering to the framework in these roles (all of its roles when empty). */
    void suppressOffers(FrameworkId framework, Set<String> roles);

    /** Offer again in these roles (all when empty), dropping the framework's refuse filters there. */
    void reviveOffers(FrameworkId framework, Set<String> roles);

    /**
     * The weight of every role that has one (roles not named weigh 1.0), replacing what was
     * set before. A weighted DRF allocator divides a role's dominant share by its weight.
     */
    void updateWeights(Map<String, Double> weights);

    /** The quota of every role that has one (roles not named have none), replacing what was set before. */
    void updateQuota(Map<String, Quota> quotas);

    /** Runs one allocation cycle over every agent, handing results to the sink. */
    void allocate();
}
