package io.mezzo.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.mezzo.internal.testkit.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk copy of the cluster's maps, against real Hazelcast members on 127.0.0.1. */
class DiskMirrorTest {
    @TempDir
    Path dir;

    private final TestMembers members = new TestMembers();
    private final List<DiskMirror> mirrors = new ArrayList<>();

    @AfterEach
    void stop() {
        mirrors.forEach(DiskMirror::close);
        members.close();
    }

    private HazelcastInstance member(String cluster, List<String> peers) throws IOException {
        return members.start(cluster, peers);
    }

    private static String address(HazelcastInstance member) {
        return TestMembers.address(member);
    }

    private DiskMirror mirror(HazelcastInstance member, Path to) {
        DiskMirror mirror = DiskMirror.open(member, to);
        mirrors.add(mirror);
        return mirror;
    }

    private static String cluster() {
        return "mirror-test-" + UUID.randomUUID();
    }

    @Test
    void writesAndRemovalsReachTheDiskAndOtherMapsAreLeftAlone() throws Exception {
        HazelcastInstance hz = member(cluster(), List.of());
        DiskMirror mirror = mirror(hz, dir);
        IMap<String, String> tasks = hz.getMap("mezzo.tasks");
        tasks.set("fw-1/t1", "{\"state\":\"TASK_STAGING\"}");
        tasks.set("fw-1/t1", "{\"state\":\"TASK_RUNNING\"}");
        tasks.set("fw-1/t2", "{\"state\":\"TASK_RUNNING\"}");
        tasks.delete("fw-1/t2");
        hz.<String, Long>getMap("mezzo.leader").set("epoch", 7L);
        hz.<String, String>getMap("other").set("k", "v");
        awaitOnDisk(mirror, dir.resolve("mezzo.tasks"), Map.of("fw-1/t1", "{\"state\":\"TASK_RUNNING\"}"));

        awaitOnDisk(mirror, dir.resolve("mezzo.leader"), Map.of("epoch", 7L));
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void everyMemberMirrorsEveryEntryNotOnlyItsOwnPartitions() throws Exception {
        String name = cluster();
        HazelcastInstance a = member(name, List.of());
        HazelcastInstance b = member(name, List.of(address(a)));
        Path bDir = dir.resolve("b");
        DiskMirror onB = mirror(b, bDir);
        IMap<String, String> agents = a.getMap("mezzo.agents");
        Map<String, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            agents.set("agent-" + i, "{\"n\":" + i + "}");
            expected.put("agent-" + i, "{\"n\":" + i + "}");
        }
        awaitOnDisk(onB, bDir.resolve("mezzo.agents"), expected);
    }

    @Test
    void partitionsLostWithTwoMembersAtOnceAreRefilledFromTheSurvivorsDiskCopy() throws Exception {
        String name = cluster();
        HazelcastInstance a = member(name, List.of());
        HazelcastInstance b = member(name, List.of(address(a)));
        HazelcastInstance c = member(name, List.of(address(a), address(b)));
        Path aDir = dir.resolve("a");
        DiskMirror onA = mirror(a, aDir);
        mirror(b, dir.resolve("b"));
        mirror(c, dir.resolve("c"));
        IMap<String, String> agents = b.getMap("mezzo.agents");
        Map<String, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < 200; i++) {
            agents.set("agent-" + i, "{\"n\":" + i + "}");
            expected.put("agent-" + i, "{\"n\":" + i + "}");
        }
        awaitOnDisk(onA, aDir.resolve("mezzo.agents"), expected);

        try (LogCapture logs = LogCapture.of(PartitionRefill.class)) {
            // One synchronous backup: a partition whose owner and backup were b and c is gone with them.
            Thread killB = new Thread(() -> b.getLifecycleService().terminate());
            killB.start();
            c.getLifecycleService().terminate();
            killB.join();

            IMap<String, String> survivor = a.getMap("mezzo.agents");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && !Map.copyOf(survivor).equals(expected)) {
                onA.awaitRefills(java.time.Duration.ofSeconds(1));
                Thread.sleep(20);
            }
            assertThat(Map.copyOf(survivor)).isEqualTo(expected);
            assertThat(logs.messages(java.util.logging.Level.WARNING)).as("partitions were lost, and refilled")
                    .anyMatch(m -> m.contains("of mezzo.agents were lost") && m.contains("restored"));
        }
    }

    @Test
    void aFullyRestartedClusterIsSeededFromDisk() throws Exception {
        HazelcastInstance first = member(cluster(), List.of());
        DiskMirror mirror = mirror(first, dir);
        first.<String, String>getMap("mezzo.frameworks").set("fw-1", "{\"name\":\"pi\"}");
        first.<String, String>getMap("mezzo-hosted").set("hosted-1", "{\"script\":\"pi.js\"}");
        first.<String, Long>getMap("mezzo.leader").set("epoch", 3L);
        mirror.flush();
        mirror.close();
        first.shutdown();

        HazelcastInstance restarted = member(cluster(), List.of());
        DiskMirror again = mirror(restarted, dir);
        assertThat(again.seedIfEmpty()).isEqualTo(3); // fw-1, hosted-1, epoch

        assertThat(restarted.<String, String>getMap("mezzo.frameworks").get("fw-1")).isEqualTo("{\"name\":\"pi\"}");
        assertThat(restarted.<String, String>getMap("mezzo-hosted").get("hosted-1"))
                .isEqualTo("{\"script\":\"pi.js\"}");
        assertThat(restarted.<String, Long>getMap("mezzo.leader").get("epoch")).isEqualTo(3L);
        // The seeded maps go on being mirrored.
        restarted.<String, String>getMap("mezzo.frameworks").delete("fw-1");
        awaitOnDisk(again, dir.resolve("mezzo.frameworks"), Map.of());
    }

    @Test
    void aMapCreatedJustBeforeAFlushIsOnDiskThoughTheMirrorWasNotYetToldOfIt() throws Exception {
        HazelcastInstance hz = member(cluster(), List.of());
        // Hazelcast announces a new map on one event thread per name: holding it there keeps the
        // mirror from hearing of the map, as under load or when it is created just before a stop.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        UUID holder = hz.addDistributedObjectListener(new com.hazelcast.core.DistributedObjectListener() {
            @Override
            public void distributedObjectCreated(com.hazelcast.core.DistributedObjectEvent event) {
                if ("mezzo.leader".equals(event.getObjectName())) {
                    try {
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void distributedObjectDestroyed(com.hazelcast.core.DistributedObjectEvent event) {}
        });
        try {
            DiskMirror mirror = mirror(hz, dir);
            hz.<String, Long>getMap("mezzo.leader").set("epoch", 4L);
            mirror.flush();
            mirror.close();
            assertThat(MirrorFiles.read(dir.resolve("mezzo.leader"))).isEqualTo(Map.of("epoch", 4L));
        } finally {
            release.countDown();
            hz.removeDistributedObjectListener(holder);
        }
    }

    @Test
    void aClusterThatHoldsStateIsNotSeededAndItsStateReplacesTheStaleDiskCopy() throws Exception {
        Path agents = dir.resolve("mezzo.agents");
        MirrorFiles.write(agents, "gone", "{\"stale\":true}");
        HazelcastInstance hz = member(cluster(), List.of());
        hz.<String, String>getMap("mezzo.agents").set("live", "{}");
        DiskMirror mirror = mirror(hz, dir);

        assertThat(mirror.seedIfEmpty()).isZero();

        assertThat(hz.<String, String>getMap("mezzo.agents").containsKey("gone")).isFalse();
        awaitOnDisk(mirror, agents, Map.of("live", "{}"));
    }

    @Test
    void tornAndTemporaryFilesAreNeverReadAsValid() throws Exception {
        Path tasks = dir.resolve("mezzo.tasks");
        MirrorFiles.write(tasks, "fw/good", "{\"ok\":1}");
        MirrorFiles.write(tasks, "fw/torn", "{\"ok\":2,\"long\":\"xxxxxxxxxxxxxxxxxxxx\"}");
        Path torn = tasks.resolve(MirrorFiles.fileName("fw/torn"));
        byte[] whole = Files.readAllBytes(torn);
        Files.write(torn, java.util.Arrays.copyOf(whole, whole.length - 10)); // cut short
        MirrorFiles.write(tasks, "fw/flipped", "{\"ok\":3}");
        Path flipped = tasks.resolve(MirrorFiles.fileName("fw/flipped"));
        String text = Files.readString(flipped, StandardCharsets.UTF_8);
        Files.writeString(flipped, text.replace("\"ok\":3", "\"ok\":4")); // same length, bad checksum
        Files.writeString(tasks.resolve(".tmp-" + MirrorFiles.fileName("fw/half")), "MZM1 0000");
        Files.writeString(tasks.resolve("garbage"), "not a mirror file");

        HazelcastInstance hz = member(cluster(), List.of());
        DiskMirror mirror = mirror(hz, dir);
        assertThat(mirror.seedIfEmpty()).isEqualTo(1);

        assertThat(Map.copyOf(hz.<String, String>getMap("mezzo.tasks"))).isEqualTo(Map.of("fw/good", "{\"ok\":1}"));
        assertThat(tasks.resolve(".tmp-" + MirrorFiles.fileName("fw/half"))).doesNotExist();
    }

    @Test
    void keepsUpWithAHundredTasksLaunchingAtOnce() throws Exception {
        HazelcastInstance hz = member(cluster(), List.of());
        // As on a master: the maps exist (and are watched) before tasks launch.
        IMap<String, String> tasks = hz.getMap("mezzo.tasks");
        DiskMirror mirror = mirror(hz, dir);
        String padding = "x".repeat(600); // about the size of a stored task
        Map<String, String> expected = new java.util.HashMap<>();
        long start = System.nanoTime();
        for (String state : List.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING")) {
            for (int i = 0; i < 100; i++) {
                String json = "{\"state\":\"" + state + "\",\"p\":\"" + padding + "\"}";
                tasks.setAsync("fw-1/t" + i, json);
                expected.put("fw-1/t" + i, json);
            }
        }
        awaitOnDisk(mirror, dir.resolve("mezzo.tasks"), expected);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("DiskMirror: 300 task updates (100 tasks x 3 states) on disk after " + millis + " ms");
    }

    /** Bounded wait: the mirror's writer lags the events by design. */
    private static void awaitOnDisk(DiskMirror mirror, Path mapDir, Map<?, ?> expected) throws Exception {
        Map<Object, Object> seen = Map.of();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            mirror.flush();
            seen = MirrorFiles.read(mapDir);
            if (seen.equals(expected)) {
                return;
            }
            Thread.onSpinWait();
        }
        assertThat(seen).isEqualTo(expected);
    }
}
