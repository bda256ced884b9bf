package io.mezzo.allocator.drf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.AllocatorContext;
import io.mezzo.spi.OfferSink;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Drives {@link DrfAllocator} and {@link ReferenceAllocator} with the same seeded random
 * sequence of events (frameworks and agents coming and going, declines with filters, the clock,
 * suppression, weights, quota, a failing sink) and requires the same allocations after every
 * cycle and the same shares. This is what shows the incremental sorters, the filter bit sets
 * and the slab, the holdings index and the quota bookkeeping right.
 */
class EquivalenceTest {
    private static final String[] ROLES = {"*", "a", "b", "a/x"};
    private static final String[] TOTALS = {
        "cpus:4;mem:4096;disk:1000;ports:[31000-31009]",
        "cpus:2;mem:2048;cpus(a):1",
        "cpus:3;mem:1024;cpus(a/x):1;mem(b):512",
        "cpus:1;mem:512;gpus:2",
        "cpus:8;mem:8192;cpus(a):2;ports:[100-199]",
    };
    private static final String[] USAGES = {
        "cpus:1;mem:512", "cpus:0.5", "mem:1024;disk:100", "cpus(a):1", "ports:[31000-31002]", "cpus:10;mem:1",
    };
    private static final List<AllocatorOptions> OPTIONS = List.of(
            AllocatorOptions.defaults(),
            new AllocatorOptions(AllocatorOptions.parseMinAllocatable("cpus:0.01|mem:32"), Set.of("gpus")),
            new AllocatorOptions(AllocatorOptions.parseMinAllocatable("cpus:1;mem:256|disk:500"), Set.of()),
            new AllocatorOptions(List.of(), Set.of("disk")));

    @Test
    void fastAllocatorMatchesTheReferenceOnRandomEventSequences() {
        for (long seed = 1; seed <= 60; seed++) {
            new Run(seed).go(400);
        }
    }

    private static final class Run {
        final long seed;
        final Random random;
        final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        final RecordingSink fastSink = new RecordingSink();
        final RecordingSink referenceSink = new RecordingSink();
        final DrfAllocator fast = new DrfAllocator();
        final ReferenceAllocator reference = new ReferenceAllocator();
        final List<Usage> outstanding = new ArrayList<>();
        final Deque<String> log = new ArrayDeque<>();

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            AllocatorOptions options = OPTIONS.get(random.nextInt(OPTIONS.size()));
            fast.initialize(context(fastSink, options));
            reference.initialize(context(referenceSink, options));
        }

        private AllocatorContext context(OfferSink sink, AllocatorOptions options) {
            return AllocatorFixture.context(clock, sink, options);
        }

        void go(int steps) {
            for (int step = 0; step < steps; step++) {
                int op = random.nextInt(100);
                if (op < 20) {
                    cycle(step);
                } else if (op < 42) {
                    recover();
                } else if (op < 52) {
                    addFramework();
                } else if (op < 62) {
                    addAgent();
                } else if (op < 67) {
                    FrameworkId id = framework();
                    both("removeFramework " + id, a -> a.removeFramework(id));
                } else if (op < 71) {
                    AgentId id = agent();
                    both("removeAgent " + id, a -> a.removeAgent(id));
                } else if (op < 80) {
                    toggle();
                } else if (op < 86) {
                    suppressOrRevive();
                } else if (op < 91) {
                    Duration d = Duration.ofMillis(random.nextInt(3 * 3_600_000));
                    log("advance " + d);
                    clock.advance(d);
                } else if (op < 95) {
                    weights();
                } else {
                    quota();
                }
            }
            cycle(steps);
        }

        private void cycle(int step) {
            if (random.nextInt(10) == 0) {
                log("next offer fails");
                fastSink.failNext(1);
                referenceSink.failNext(1);
            }
            fast.allocate();
            reference.allocate();
            List<Allocation> mine = fastSink.drain();
            List<Allocation> expected = referenceSink.drain();
            assertThat(mine).as("seed %d step %d after %s", seed, step, log).isEqualTo(expected);
            for (Allocation a : mine) {
                a.resources().forEach((role, byAgent) -> byAgent.forEach((agent, r) ->
                        outstanding.add(new Usage(a.framework(), agent, role, r))));
            }
            compareShares(step);
        }

        private void compareShares(int step) {
            ReferenceCycle numbers = new ReferenceCycle(reference, clock.instant());
            for (String role : numbers.roleOrder()) {
                assertThat(fast.roleShare(role)).as("seed %d step %d role %s", seed, step, role)
                        .hasValueSatisfying(s -> assertThat(s).isCloseTo(numbers.roleShare(role), within(1e-12)));
            }
            reference.frameworks.forEach((id, fw) -> {
                if (fw.added()) {
                    for (String role : fw.spec.roles()) {
                        assertThat(fast.frameworkShare(id, role)).as("seed %d step %d %s in %s", seed, step, id, role)
                                .hasValueSatisfying(s -> assertThat(s)
                                        .isCloseTo(numbers.frameworkShare(id, role), within(1e-12)));
                    }
                }
            });
        }

        private void recover() {
            if (outstanding.isEmpty()) {
                return;
            }
            Usage u = outstanding.remove(random.nextInt(outstanding.size()));
            Resources what = switch (random.nextInt(4)) {
                case 0 -> u.resources().minus(Resources.parse("cpus:1;mem:512"));
                case 1 -> u.resources().plus(Resources.parse("cpus:1"));
                default -> u.resources();
            };
            Optional<Duration> refuse = switch (random.nextInt(5)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(Duration.ZERO);
                case 2 -> Optional.of(Duration.ofSeconds(1 + random.nextInt(3600)));
                case 3 -> Optional.of(Duration.ofDays(400));
                default -> Optional.of(Duration.ofMinutes(5));
            };
            if (what.isEmpty()) {
                return;
            }
            both("recover " + u.framework() + " " + u.agent() + " " + u.role() + " " + what + " " + refuse,
                    a -> a.recoverResources(u.framework(), u.agent(), u.role(), what, refuse));
        }

        private void addFramework() {
            FrameworkId id = framework();
            List<String> roles = roles();
            Set<String> suppressed = random.nextInt(4) == 0 ? Set.copyOf(roles()) : Set.of();
            boolean active = random.nextInt(5) != 0;
            List<Usage> used = new ArrayList<>();
            if (random.nextBoolean() && !roles.isEmpty()) {
                used.add(new Usage(id, agent(), roles.get(0), Resources.parse(USAGES[random.nextInt(USAGES.length)])));
            }
            FrameworkSpec spec = new FrameworkSpec("fw", roles, Set.of());
            both("addFramework " + id + " " + roles + " suppressed " + suppressed + " active " + active + " " + used,
                    a -> a.addFramework(id, spec, used, active, suppressed));
        }

        private void addAgent() {
            AgentId id = agent();
            Resources total = Resources.parse(TOTALS[random.nextInt(TOTALS.length)]);
            List<Usage> used = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                used.add(new Usage(framework(), id, ROLES[random.nextInt(ROLES.length)],
                        Resources.parse(USAGES[random.nextInt(USAGES.length)])));
            }
            boolean inactive = random.nextInt(6) == 0;
            both("addAgent " + id + " " + total + " " + used + (inactive ? " inactive" : ""), a -> {
                a.addAgent(id, new AgentSpec(id + ".example", List.of()), total, used);
                if (inactive) {
                    a.deactivateAgent(id);
                }
            });
        }

        private void toggle() {
            boolean on = random.nextBoolean();
            if (random.nextBoolean()) {
                FrameworkId id = framework();
                both((on ? "activate " : "deactivate ") + id,
                        a -> {
                            if (on) {
                                a.activateFramework(id);
                            } else {
                                a.deactivateFramework(id);
                            }
                        });
            } else if (random.nextInt(3) == 0) {
                FrameworkId id = framework();
                List<String> roles = roles();
                Set<String> suppressed = random.nextBoolean() ? Set.copyOf(roles()) : Set.of();
                both("update " + id + " " + roles + " suppressed " + suppressed,
                        a -> a.updateFramework(id, new FrameworkSpec("fw", roles, Set.of()), suppressed));
            } else {
                AgentId id = agent();
                both((on ? "activate " : "deactivate ") + id, a -> {
                    if (on) {
                        a.activateAgent(id);
                    } else {
                        a.deactivateAgent(id);
                    }
                });
            }
        }

        private void suppressOrRevive() {
            FrameworkId id = framework();
            Set<String> roles = random.nextBoolean() ? Set.of() : Set.copyOf(roles());
            if (random.nextBoolean()) {
                both("suppress " + id + " " + roles, a -> a.suppressOffers(id, roles));
            } else {
                both("revive " + id + " " + roles, a -> a.reviveOffers(id, roles));
            }
        }

        private void weights() {
            Map<String, Double> weights = new HashMap<>();
            for (String role : ROLES) {
                if (random.nextInt(3) == 0) {
                    weights.put(role, new double[] {0.5, 1, 2, 3, -1}[random.nextInt(5)]);
                }
            }
            both("weights " + weights, a -> a.updateWeights(weights));
        }

        private void quota() {
            Map<String, Quota> quotas = new HashMap<>();
            for (String role : new String[] {"a", "b", "a/x"}) {
                if (random.nextInt(3) == 0) {
                    int cpus = random.nextInt(6);
                    String guarantees = random.nextBoolean() ? "cpus:" + cpus : "";
                    String limits = random.nextBoolean() ? "cpus:" + (cpus + random.nextInt(4)) + ";mem:4096" : "";
                    quotas.put(role, new Quota(Resources.parse(guarantees), Resources.parse(limits)));
                }
            }
            both("quota " + quotas, a -> a.updateQuota(quotas));
        }

        private List<String> roles() {
            Set<String> out = new LinkedHashSet<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                out.add(ROLES[random.nextInt(ROLES.length)]);
            }
            if (out.isEmpty() && random.nextInt(4) != 0) {
                out.add(ROLES[random.nextInt(ROLES.length)]);
            }
            return List.copyOf(out);
        }

        private FrameworkId framework() {
            return FrameworkId.of("f" + random.nextInt(6));
        }

        private AgentId agent() {
            return AgentId.of("g" + random.nextInt(7));
        }

        private void both(String what, Consumer<Allocator> event) {
            log(what);
            event.accept(fast);
            event.accept(reference);
        }

        private void log(String what) {
            log.addLast(what);
            if (log.size() > 40) {
                log.removeFirst();
            }
        }
    }
}
