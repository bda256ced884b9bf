package io.mezzo.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import io.mezzo.allocator.drf.DrfAllocator;
import io.mezzo.internal.cluster.DiskMirror;
import io.mezzo.internal.cluster.HazelcastMember;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.container.PluginLease;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.security.AuthenticatorSource;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.spi.Allocator;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby's rehearsal against a real Hazelcast member, real HTTP on 127.0.0.1, real agents
 * and the scheduler client, and the DRF allocator; the clock is a {@link FakeTime} the test
 * moves on (the agents' re-registration backoff, the master's timers).
 */
class RehearsalTest {
    private static final Logger MEZZO = Logger.getLogger("io.mezzo");

    private final FakeTime time = new FakeTime();
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger leased = new AtomicInteger();
    private final AtomicInteger returned = new AtomicInteger();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private HazelcastInstance hazelcast;
    private Level mezzoLevel;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        hazelcast = HazelcastMember.start("mezzo-rehearsal-test-" + ProcessHandle.current().pid() + "-" + port,
                "127.0.0.1", port, List.of());
        mezzoLevel = MEZZO.getLevel();
        MEZZO.setLevel(Level.INFO);
        MEZZO.addHandler(collect);
    }

    @AfterEach
    void stop() {
        MEZZO.removeHandler(collect);
        MEZZO.setLevel(mezzoLevel);
        hazelcast.shutdown();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** The DRF allocator, lending a new instance per lease and counting what comes back. */
    private MasterParts parts(boolean lends) {
        Plugin<Allocator> shared = drf();
        AllocatorSource allocators = new AllocatorSource() {
            @Override
            public Optional<Plugin<Allocator>> current() {
                return Optional.of(shared);
            }

            @Override
            public void onChange(Runnable listener) {
                // fixed
            }

            @Override
            public Optional<PluginLease<Allocator>> lease() {
                if (!lends) {
                    return Optional.empty();
                }
                leased.incrementAndGet();
                return Optional.of(new PluginLease<>(drf(), returned::incrementAndGet));
            }
        };
        return new MasterParts(vertx, time, allocators, new PluginGuard(), AuthorizerSource.none(),
                AuthenticatorSource.fixed(Optional.empty()), Optional.empty());
    }

    private static Plugin<Allocator> drf() {
        return new Plugin<>(new DrfAllocator(), "drf", 0, "io.mezzo.allocator.drf", "test", 1);
    }

    private static MasterConfig config() {
        return MasterConfig.defaults("master.example", "10.0.0.1", 5050);
    }

    /** Moves the clock on in steps of 100 ms until {@code outcome} is done (bounded: 90 s of clock). */
    private void advanceUntilDone(CompletableFuture<String> outcome) throws InterruptedException {
        for (int i = 0; i < 900 && !outcome.isDone(); i++) {
            time.advance(Duration.ofMillis(100));
            try {
                outcome.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                // checked by the loop, then by the test
            }
        }
    }

    private List<String> rehearsalMaps() {
        return hazelcast.getDistributedObjects().stream().map(DistributedObject::getName)
                .filter(n -> n.startsWith(Rehearsal.NAMESPACE)).toList();
    }

    private List<String> quietedLevels() {
        List<String> levels = new ArrayList<>();
        for (String name : QuietLogs.PACKAGES) {
            levels.add(name + "=" + Logger.getLogger(name).getLevel());
        }
        return levels;
    }

    @Test
    void aStandbyLeadsTermsOfItsOwnAndLeavesNothingBehind(@TempDir Path mirrorDir) throws Exception {
        DiskMirror mirror = DiskMirror.open(hazelcast, mirrorDir);
        List<String> levelsBefore = quietedLevels();

        Rehearsal rehearsal = Rehearsal.start(parts(true), config(), hazelcast, 3, 3);
        advanceUntilDone(rehearsal.outcome());

        assertThat(rehearsal.outcome().get()).startsWith("3 terms with 3 agents and a framework in ");
        assertThat(leased).as("an allocator instance per term").hasValue(3);
        assertThat(returned).as("every one given back").hasValue(3);
        assertThat(rehearsalMaps()).as("the scratch maps are destroyed").isEmpty();
        mirror.flush();
        try (Stream<Path> mirrored = Files.list(mirrorDir)) {
            assertThat(mirrored.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(Rehearsal.NAMESPACE));
        }
        mirror.close();
        assertThat(quietedLevels()).as("the loggers have their levels back").isEqualTo(levelsBefore);
        assertThat(logged).as("the rehearsal's own master, agents and framework logged no INFO")
                .noneMatch(r -> r.getLevel().intValue() < Level.WARNING.intValue()
                        && QuietLogs.PACKAGES.stream().anyMatch(p -> r.getLoggerName().startsWith(p + ".")));
        assertThat(logged).anyMatch(r -> r.getLoggerName().equals(Rehearsal.class.getName())
                && r.getMessage().startsWith("rehearsed leading: 3 terms"));
    }

    @Test
    void stoppedMidwayItClosesEverythingAndSaysSo() throws Exception {
        List<String> levelsBefore = quietedLevels();
        Rehearsal rehearsal = Rehearsal.start(parts(true), config(), hazelcast, 3, 1000);
        for (int i = 0; i < 200 && leased.get() < 3; i++) {
            time.advance(Duration.ofMillis(100));
            Thread.sleep(20);
        }
        assertThat(leased).as("the rehearsal is past its second term").hasValueGreaterThanOrEqualTo(3);

        rehearsal.close();

        assertThatThrownBy(() -> rehearsal.outcome().get(30, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class).hasMessage("stopped");
        assertThat(returned).hasValue(leased.get());
        assertThat(rehearsalMaps()).isEmpty();
        assertThat(quietedLevels()).isEqualTo(levelsBefore);
    }

    @Test
    void withoutAnAllocatorInstanceOfItsOwnThereIsNoRehearsal() throws Exception {
        Rehearsal rehearsal = Rehearsal.start(parts(false), config(), hazelcast, 3, 2);

        assertThat(rehearsal.outcome().get(30, TimeUnit.SECONDS)).startsWith("no rehearsal");
        assertThat(rehearsalMaps()).isEmpty();
        assertThat(leased).hasValue(0);
    }
}
