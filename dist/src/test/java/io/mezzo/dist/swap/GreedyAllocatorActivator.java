package io.mezzo.dist.swap;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The whole of a replacement allocator bundle that the swap test builds at run time: it
 * registers itself as an {@link Allocator} named {@code greedy} at ranking 100, above drf.
 * It decides nothing; the test is about which allocator the host uses, not what it does.
 */
public final class GreedyAllocatorActivator implements BundleActivator, Allocator {
    public static final String NAME = "greedy";
    public static final int RANKING = 100;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, RANKING);
        properties.put("mezzo.plugin.name", NAME);
        context.registerService(Allocator.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public void initialize(AllocatorContext context) {
    }

    @Override
    public void addFramework(FrameworkId id, FrameworkSpec framework, List<Usage> used, boolean active,
                             Set<String> suppressedRoles) {
    }

    @Override
    public void removeFramework(FrameworkId id) {
    }

    @Override
    public void activateFramework(FrameworkId id) {
    }

    @Override
    public void deactivateFramework(FrameworkId id) {
    }

    @Override
    public void updateFramework(FrameworkId id, FrameworkSpec framework, Set<String> suppressedRoles) {
    }

    @Override
    public void addAgent(AgentId id, AgentSpec agent, Resources total, List<Usage> used) {
    }

    @Override
    public void removeAgent(AgentId id) {
    }

    @Override
    public void activateAgent(AgentId id) {
    }

    @Override
    public void deactivateAgent(AgentId id) {
    }

    @Override
    public void recoverResources(FrameworkId framework, AgentId agent, String role, Resources resources,
                                 Optional<Duration> refuseFor) {
    }

    @Override
    public void suppressOffers(FrameworkId framework, Set<String> roles) {
    }

    @Override
    public void reviveOffers(FrameworkId framework, Set<String> roles) {
    }

    /** This test allocator does not weigh roles. */
    @Override
    public void updateWeights(java.util.Map<String, Double> weights) {
    }

    /** This test allocator does not honour quota. */
    @Override
    public void updateQuota(java.util.Map<String, io.mezzo.api.Quota> quotas) {
    }

    @Override
    public void allocate() {
    }
}
