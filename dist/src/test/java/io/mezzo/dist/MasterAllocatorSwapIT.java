package io.mezzo.dist;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.mezzo.api.Resources;
import io.mezzo.api.TaskId;
import io.mezzo.dist.swap.CpusOnlyAllocatorActivator;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.SchedulerEvent;
import io.mezzo.internal.master.Task;
import io.mezzo.internal.model.Offer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The allocator swap as the master lives it, in Felix with the distribution's bundles: a real
 * {@code Master} follows the Allocator slot while one agent ({@value #AGENT}) runs a task
 * ({@value #TASK}) for one framework. Swapping bundles must switch the master's allocator,
 * rescind what the old one offered, and let the new one offer only what is free.
 *
 * <p>drf offers an agent's whole free pool; the test allocator ({@link CpusOnlyAllocatorActivator})
 * offers only its free cpus. So an offer of {@code cpus:3} proves both who decided and that
 * the new allocator was told the task's usage ({@code cpus:4} would be a double offer).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MasterAllocatorSwapIT {
    private static final String AGENT = "cpus:4;mem:4096";
    private static final String TASK = "cpus:1;mem:512";
    private static final Resources TOTAL = Resources.parse(AGENT);
    private static final Resources TASK_RESOURCES = Resources.parse(TASK);
    /** What drf offers next to the task: everything else. */
    private static final Resources DRF_REST = Resources.parse("cpus:3;mem:3584");
    /** What the cpus-only allocator offers next to the task: the other cpus, no memory. */
    private static final Resources CPUS_REST = Resources.parse("cpus:3");
    private static final String DRF_BUNDLE = "io.mezzo.allocator.drf";

    @Inject
    private BundleContext context;

    private Bundle cpusOnly;

    @Configuration
    public Option[] configuration() throws IOException {
        // Test plumbing only: the probe builds a master, which the real host keeps internal.
        return PaxOptions.distribution("io.mezzo.internal.container", "io.mezzo.internal.master",
                "io.mezzo.internal.model", "io.mezzo.internal.protocol", "io.mezzo.internal.time");
    }

    /** Whatever a test did to the bundles, the next one starts with drf alone. */
    @After
    public void restoreDrfAlone() throws BundleException {
        if (cpusOnly != null && cpusOnly.getState() != Bundle.UNINSTALLED) {
            cpusOnly.uninstall();
        }
        Bundle drf = installed(DRF_BUNDLE);
        if (drf.getState() != Bundle.ACTIVE) {
            drf.start();
        }
    }

    @Test
    public void stoppingDrfAndStartingAnotherAllocatorBundleSwitchesTheMasterAndBack() throws Exception {
        Bundle drf = installed(DRF_BUNDLE);
        try (InProcessMaster m = InProcessMaster.start(context, TOTAL, "drf")) {
            RecordingFrameworkStream framework = m.framework();
            TaskId task = runTaskAndAwaitDrfOfferOfTheRest(m);
            Offer drfOffer = m.snapshot().offers().get(0);

            drf.stop();
            assertEquals("drf's outstanding offer is rescinded when drf leaves", drfOffer.id(),
                    framework.next(SchedulerEvent.Rescind.class).offerId());
            MasterSnapshot none = m.awaitAllocator("none");
            assertEquals("no allocator, no offers", List.of(), none.offers());
            assertTaskStillHolds(none, task);

            cpusOnly = context.installBundle(cpusOnlyJar().toUri().toString());
            cpusOnly.start();
            Offer cpusOffer = framework.nextOffer();
            assertEquals("the new allocator decides, and knows the task holds cpus:1", CPUS_REST,
                    cpusOffer.resources());
            assertUsing(m, CpusOnlyAllocatorActivator.NAME, task);

            cpusOnly.uninstall();
            assertEquals("the cpus-only offer is rescinded when its bundle leaves", cpusOffer.id(),
                    framework.next(SchedulerEvent.Rescind.class).offerId());
            assertEquals(List.of(), m.awaitAllocator("none").offers());

            drf.start();
            assertEquals("drf offers again, and knows the task holds cpus:1;mem:512", DRF_REST,
                    framework.nextOffer().resources());
            assertUsing(m, "drf", task);
            assertNoDoubleOfferAndNothingElseHappened(m);
        }
    }

    @Test
    public void aHigherRankedAllocatorTakesOverFromRunningDrfAndHandsBackWhenUninstalled() throws Exception {
        try (InProcessMaster m = InProcessMaster.start(context, TOTAL, "drf")) {
            RecordingFrameworkStream framework = m.framework();
            TaskId task = runTaskAndAwaitDrfOfferOfTheRest(m);
            Offer drfOffer = m.snapshot().offers().get(0);

            cpusOnly = context.installBundle(cpusOnlyJar().toUri().toString());
            cpusOnly.start();
            assertEquals("drf's offer is rescinded before the new allocator offers", drfOffer.id(),
                    framework.next(SchedulerEvent.Rescind.class).offerId());
            Offer cpusOffer = framework.nextOffer();
            assertEquals(CPUS_REST, cpusOffer.resources());
            assertUsing(m, CpusOnlyAllocatorActivator.NAME, task);

            cpusOnly.uninstall();
            assertEquals(cpusOffer.id(), framework.next(SchedulerEvent.Rescind.class).offerId());
            assertEquals("drf, still running, takes over again", DRF_REST, framework.nextOffer().resources());
            assertUsing(m, "drf", task);
            assertNoDoubleOfferAndNothingElseHappened(m);
        }
    }

    /**
     * drf keeps running while the higher-ranked allocator serves, so the instance that comes
     * back is the one the master used before: it must not act on a framework that left while
     * it was not told anything.
     */
    @Test
    public void drfRegainingTheSlotOffersNothingToAFrameworkThatLeftMeanwhile() throws Exception {
        try (InProcessMaster m = InProcessMaster.start(context, TOTAL, "drf")) {
            RecordingFrameworkStream first = m.framework();
            TaskId task = runTaskAndAwaitDrfOfferOfTheRest(m);
            RecordingFrameworkStream late = m.subscribe("late");

            cpusOnly = context.installBundle(cpusOnlyJar().toUri().toString());
            cpusOnly.start();
            first.next(SchedulerEvent.Rescind.class);
            assertEquals("cpus-only offers to the newest framework", CPUS_REST, late.nextOffer().resources());
            m.teardown(late);
            Offer cpusOffer = first.nextOffer();
            assertEquals("what the leaver held goes to the first framework", CPUS_REST, cpusOffer.resources());

            cpusOnly.uninstall();
            assertEquals(cpusOffer.id(), first.next(SchedulerEvent.Rescind.class).offerId());
            assertUsing(m, "drf", task);
            for (int i = 0; i < 3; i++) {
                m.advance(Duration.ofSeconds(1)); // three more allocation runs
            }
            Offer back;
            try {
                back = first.nextOffer();
            } catch (AssertionError noOffer) {
                // Not chained: Pax Exam reports only the innermost cause.
                throw new AssertionError("MASTER SWAP BUG (AllocatorHost.switchTo / AllocatorReplay): drf regained"
                        + " the slot as the same service instance, was initialized again and replayed, but never"
                        + " told that framework " + late.frameworkId() + " was removed while cpus-only served."
                        + " It keeps allocating the free cpus:3;mem:3584 to that ghost (lowest share), the master"
                        + " drops each decision (framework is not connected), and live framework "
                        + first.frameworkId() + " is never offered anything. Master offers now: "
                        + m.snapshot().offers() + "; " + noOffer.getMessage());
            }
            assertEquals(DRF_REST, back.resources());
            assertNoDoubleOfferAndNothingElseHappened(m);
        }
    }

    /**
     * drf offers the whole agent; the framework accepts it with a task of {@value #TASK} and
     * drf offers the rest. Returns the task, which holds its resources from then on.
     */
    private static TaskId runTaskAndAwaitDrfOfferOfTheRest(InProcessMaster m) throws Exception {
        assertEquals("drf", m.snapshot().flags().get("allocator"));
        Offer whole = m.framework().nextOffer();
        assertEquals("drf offers the whole agent", TOTAL, whole.resources());
        TaskId task = m.launch(whole, "busy", TASK_RESOURCES);
        assertEquals("drf offers what the task left", DRF_REST, m.framework().nextOffer().resources());
        InProcessMaster.assertNothingOfferedTwice(m.snapshot());
        return task;
    }

    /**
     * The master names {@code allocator} (also as the {@code allocator} flag), still knows the
     * running task, and offers nothing twice.
     */
    private static void assertUsing(InProcessMaster m, String allocator, TaskId task) throws Exception {
        MasterSnapshot s = m.awaitAllocator(allocator);
        assertEquals(allocator, s.flags().get("allocator"));
        assertTaskStillHolds(s, task);
        InProcessMaster.assertNothingOfferedTwice(s);
    }

    private static void assertTaskStillHolds(MasterSnapshot s, TaskId task) {
        List<Task> tasks = s.frameworks().get(0).tasks();
        assertTrue("task " + task + " is still known: " + tasks,
                tasks.stream().anyMatch(t -> t.id().equals(task) && !t.state().isTerminal()));
        assertEquals("the agent's resources in use", TASK_RESOURCES, s.agents().get(0).used());
    }

    private static void assertNoDoubleOfferAndNothingElseHappened(InProcessMaster m) {
        assertEquals("offers + tasks never exceeded the agent", List.of(), m.ledger().violations());
        assertEquals("no event beyond those checked", List.of(), m.framework().unread());
        assertTrue("the framework is still subscribed", !m.framework().closed());
    }

    private Bundle installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " is installed");
    }

    private static Path cpusOnlyJar() throws IOException {
        return Distribution.writeBundle(Distribution.work("cpus-only").resolve("cpus-only-allocator.jar"),
                CpusOnlyAllocatorActivator.manifestHeaders(), CpusOnlyAllocatorActivator.class);
    }
}
