package io.mezzo.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.PrototypeServiceFactory;
import org.osgi.framework.ServiceRegistration;

/** A real Felix; the services are registered from the system bundle, as the host registers its own. */
class PluginSlotTest {
    @TempDir
    static Path base;
    private static MezzoContainer container;

    private final List<ServiceRegistration<Greeter>> registrations = new ArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private PluginSlot<Greeter> slot;

    @BeforeAll
    static void boot() throws Exception {
        container = MezzoContainer.start(ContainerFixture.config(base, List.of()));
    }

    @AfterAll
    static void shutdown() {
        container.close();
    }

    @BeforeEach
    void openSlot() {
        slot = container.slot(Greeter.class);
    }

    @AfterEach
    void cleanUp() {
        slot.close();
        for (ServiceRegistration<Greeter> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test
            }
        }
    }

    @Test
    void highestRankingWinsAndSubscribersHearEachChangeOfTheCurrentOneInOrder() {
        slot.subscribe(p -> heard.add(nameOf(p)));

        ServiceRegistration<Greeter> zero = register("zero", 0);
        ServiceRegistration<Greeter> twenty = register("twenty", 20);
        ServiceRegistration<Greeter> ten = register("ten", 10); // below twenty: no change
        assertThat(slot.current().map(p -> p.service().greet())).contains("twenty");

        twenty.unregister();
        ten.unregister();
        zero.unregister();

        assertThat(heard).containsExactly("<none>", "zero", "twenty", "ten", "zero", "<none>");
        assertThat(slot.current()).isEmpty();
    }

    @Test
    void removingAServiceThatIsNotCurrentChangesNothing() {
        register("zero", 0);
        ServiceRegistration<Greeter> ten = register("ten", 10);
        ServiceRegistration<Greeter> five = register("five", 5);
        slot.subscribe(p -> heard.add(nameOf(p)));

        five.unregister();

        assertThat(heard).containsExactly("ten");
        ten.unregister();
        assertThat(heard).containsExactly("ten", "zero");
    }

    @Test
    void onEqualRankingTheLowestServiceIdWins() {
        ServiceRegistration<Greeter> first = register("first", 5);
        register("second", 5);

        assertThat(slot.current().map(Plugin::name)).contains("first");
        first.unregister();
        assertThat(slot.current().map(Plugin::name)).contains("second");
    }

    @Test
    void pluginDescribesItsServiceAndFallsBackToTheBundleNameWithoutANameProperty() {
        ServiceRegistration<Greeter> registration = container.bundleContext()
                .registerService(Greeter.class, () -> "anonymous", null);
        registrations.add(registration);

        Plugin<Greeter> plugin = slot.current().orElseThrow();
        assertThat(plugin.name()).isEqualTo("org.apache.felix.framework");
        assertThat(plugin.bundleSymbolicName()).isEqualTo("org.apache.felix.framework");
        assertThat(plugin.bundleVersion()).isEqualTo("7.0.5");
        assertThat(plugin.ranking()).isZero();
        assertThat(plugin.serviceId()).isEqualTo(registration.getReference().getProperty(Constants.SERVICE_ID));
    }

    @Test
    void raisingARankingMakesThatServiceCurrent() {
        ServiceRegistration<Greeter> low = register("low", 0);
        register("high", 10);
        slot.subscribe(p -> heard.add(nameOf(p) + "@" + p.map(Plugin::ranking).orElse(-1)));

        low.setProperties(properties("low", 50));

        assertThat(heard).containsExactly("high@10", "low@50");
    }

    @Test
    void subscribersAlreadySeeTheNewCurrentWhenTold() {
        List<Boolean> consistent = new CopyOnWriteArrayList<>();
        slot.subscribe(p -> consistent.add(slot.current().equals(p)));

        ServiceRegistration<Greeter> zero = register("zero", 0);
        register("ten", 10);
        zero.unregister();

        assertThat(consistent).containsExactly(true, true, true);
    }

    @Test
    void cancelledSubscriptionsAndClosedSlotsHearNothingMore() {
        PluginSlot.Subscription subscription = slot.subscribe(p -> heard.add("cancelled:" + nameOf(p)));
        PluginSlot<Greeter> other = container.slot(Greeter.class);
        other.subscribe(p -> heard.add("closed:" + nameOf(p)));

        subscription.cancel();
        other.close();
        register("zero", 0);

        assertThat(heard).containsExactly("cancelled:<none>", "closed:<none>");
        assertThat(other.current()).isEmpty();
    }

    @Test
    void aFailingSubscriberDoesNotKeepTheOthersFromHearing() {
        slot.subscribe(p -> {
            throw new IllegalStateException("bad subscriber");
        });
        slot.subscribe(p -> heard.add(nameOf(p)));

        register("zero", 0);

        assertThat(heard).containsExactly("<none>", "zero");
    }

    @Test
    void aPrototypeScopedPluginLendsInstancesOfItsOwnAndTakesThemBack() {
        List<Greeter> given = new CopyOnWriteArrayList<>();
        List<Greeter> returned = new CopyOnWriteArrayList<>();
        registrations.add(container.bundleContext().registerService(Greeter.class, new PrototypeServiceFactory<>() {
            @Override
            public Greeter getService(Bundle bundle, ServiceRegistration<Greeter> registration) {
                int n = given.size();
                Greeter greeter = () -> "proto-" + n;
                given.add(greeter);
                return greeter;
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<Greeter> registration, Greeter service) {
                returned.add(service);
            }
        }, properties("proto", 0)));
        Plugin<Greeter> shared = slot.current().orElseThrow();

        PluginLease<Greeter> first = slot.lease().orElseThrow();
        PluginLease<Greeter> second = slot.lease().orElseThrow();

        assertThat(first.plugin().service()).isNotSameAs(shared.service()).isNotSameAs(second.plugin().service());
        assertThat(List.of(shared.service().greet(), first.plugin().service().greet(), second.plugin().service().greet()))
                .containsExactly("proto-0", "proto-1", "proto-2");
        assertThat(first.plugin().name()).isEqualTo("proto");
        assertThat(first.plugin().serviceId()).isEqualTo(shared.serviceId());
        first.close();
        first.close();
        assertThat(returned).containsExactly(first.plugin().service());
        second.close();
        assertThat(returned).containsExactly(first.plugin().service(), second.plugin().service());
        assertThat(slot.current().orElseThrow().service()).isSameAs(shared.service());
    }

    @Test
    void aSingletonPluginOrNoneLendsNothing() {
        assertThat(slot.lease()).isEmpty();
        register("zero", 0);
        assertThat(slot.lease()).as("one object for the host, never shared with a second user").isEmpty();
    }

    private ServiceRegistration<Greeter> register(String name, int ranking) {
        ServiceRegistration<Greeter> registration = container.bundleContext()
                .registerService(Greeter.class, () -> name, properties(name, ranking));
        registrations.add(registration);
        return registration;
    }

    private static Hashtable<String, Object> properties(String name, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, ranking);
        properties.put(Plugin.NAME_PROPERTY, name);
        return properties;
    }

    private static String nameOf(Optional<Plugin<Greeter>> plugin) {
        return plugin.map(Plugin::name).orElse("<none>");
    }
}
