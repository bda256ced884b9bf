package io.mezzo.dist.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.dist.LocalCluster;
import io.mezzo.dist.Waits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code mezzo local --work-dir D} restarted under a running framework, once stopped (SIGTERM)
 * and once crashed ({@code kill -9}): the master comes back from D with the framework, the agent
 * from its checkpoint with its id and its tasks, whose processes never stopped. Tasks that ended
 * while nothing was running are reported as they exited; the framework re-subscribes with its id
 * and launches more; at the end a TEARDOWN reaches the processes the agent took up again.
 */
class LocalRestartIT {
    private static final String RESOURCES = "cpus:6;mem:2048;disk:1024;ports:[31000-31100]";
    private static final Map<String, String> ENV = Map.of("MEZZO_JAVA_OPTS",
            "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");

    @Test
    void tasksAndFrameworksSurviveAStopAndACrashOfMezzoLocal(TestInfo test) throws Exception {
        Path dir = HaTests.dir(test);
        Path marks = Files.createDirectories(dir.resolve("marks"));
        MasterNode local = MasterNode.local(HaTests.home(), dir, LocalCluster.freePort(),
                List.of("--agents", "1", "--resources", RESOURCES), ENV);
        List<URI> urls = List.of(local.url());
        try (FailoverFramework framework = new FailoverFramework("local-restart", 10)) {
            try {
                local.start(HaCluster.STARTUP);
                framework.subscribe(urls);
                String id = framework.id();
                List<String> steady = framework.launch("steady", 3, task -> recordPid(marks, task) + "exec sleep 600");
                List<String> awayOk = framework.launch("away-ok", 1, task -> untilReleased(marks, task, 0));
                List<String> awayBad = framework.launch("away-bad", 1, task -> untilReleased(marks, task, 3));
                List<String> late = framework.launch("late", 1, task -> untilReleased(marks, task, 0));
                List<String> first = concat(steady, awayOk, awayBad, late);
                framework.awaitRunning(first, Duration.ofSeconds(60));
                Map<String, Long> pids = pids(marks, first);
                String agent = agentIds(local.state()).get(0);

                // 1. Stopped as an operator stops it; two tasks end while it is down.
                local.process().stop();
                assertThat(alive(pids)).as("task processes after mezzo local stopped").isEqualTo(pids.keySet());
                release(marks, awayOk.get(0));
                release(marks, awayBad.get(0));
                Waits.until("the released tasks' processes to end", Duration.ofSeconds(30),
                        () -> alive(pids), a -> !a.contains(awayOk.get(0)) && !a.contains(awayBad.get(0)));
                local.start(HaCluster.STARTUP);

                JsonNode state = Waits.until("the restarted master to see its agent", HaCluster.REREGISTER,
                        local::state, s -> HaCluster.activeAgents(s) == 1);
                assertThat(agentIds(state)).as("agents after the restart").containsExactly(agent);
                framework.resubscribe(urls);
                Waits.until("the tasks that ended meanwhile to be reported", HaCluster.REREGISTER,
                        () -> List.of(framework.latest(awayOk.get(0)), framework.latest(awayBad.get(0))),
                        l -> l.equals(List.of(Optional.of("TASK_FINISHED"), Optional.of("TASK_FAILED"))));
                assertRunning(local, id, concat(steady, late));
                List<String> after = framework.launch("after", 2, task -> recordPid(marks, task) + "exec sleep 600");
                framework.awaitRunning(after, Duration.ofSeconds(60));
                pids.putAll(pids(marks, after));

                // 2. Crashed.
                local.process().kill();
                List<String> running = concat(steady, late, after);
                assertThat(alive(pids)).as("task processes after mezzo local was killed")
                        .containsExactlyInAnyOrderElementsOf(running);
                local.start(HaCluster.STARTUP);
                Waits.until("the restarted master to see its agent", HaCluster.REREGISTER,
                        local::state, s -> HaCluster.activeAgents(s) == 1);
                assertThat(agentIds(local.state())).as("agents after the crash").containsExactly(agent);
                framework.resubscribe(urls);
                assertRunning(local, id, running);
                release(marks, late.get(0));
                Waits.until("the task released after the restart to finish", HaCluster.REREGISTER,
                        () -> framework.latest(late.get(0)), Optional.of("TASK_FINISHED")::equals);

                assertThat(framework.subscriptions()).as("framework ids of every SUBSCRIBED").containsOnly(id);
                assertThat(framework.updatesWhere(FailoverFramework.TERMINAL::contains))
                        .as("tasks that got a terminal update, with all their updates")
                        .containsOnlyKeys(awayOk.get(0), awayBad.get(0), late.get(0));
                assertThat(alive(pids)).as("processes of the running tasks")
                        .containsExactlyInAnyOrderElementsOf(concat(steady, after));

                framework.teardown();
                Waits.until("TEARDOWN to kill the processes the agent took up again", Duration.ofSeconds(60),
                        () -> alive(pids), Set::isEmpty);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n=== framework problems: " + framework.problems()
                        + "\n=== framework updates: " + framework.updates() + "\n"
                        + (local.process() == null ? "" : local.process().output()), e);
            } finally {
                local.close();
                pids(marks).values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    /** A shell prefix writing the task's pid (the process that then runs on) where the test finds it. */
    private static String recordPid(Path marks, String task) {
        return "echo $$ > " + marks.resolve(task + ".pid") + "; ";
    }

    /** Runs until the test creates {@code <task>.release}, then exits with {@code status}. */
    private static String untilReleased(Path marks, String task, int status) {
        return recordPid(marks, task) + "while [ ! -e " + marks.resolve(task + ".release") + " ]; do sleep 0.1; done;"
                + " exit " + status;
    }

    private static void release(Path marks, String task) throws IOException {
        Files.createFile(marks.resolve(task + ".release"));
    }

    private static Map<String, Long> pids(Path marks, List<String> tasks) throws Exception {
        return Waits.until("pid files of " + tasks, Duration.ofSeconds(30), () -> pids(marks),
                found -> found.keySet().containsAll(tasks));
    }

    /** Every pid file written so far, by task. */
    private static Map<String, Long> pids(Path marks) throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> files = Files.list(marks)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                String text = Files.readString(file).strip();
                if (name.endsWith(".pid") && !text.isEmpty()) {
                    out.put(name.substring(0, name.length() - ".pid".length()), Long.parseLong(text));
                }
            }
        }
        return out;
    }

    /** The tasks among {@code pids} whose process is alive. */
    private static Set<String> alive(Map<String, Long> pids) {
        Set<String> out = new TreeSet<>();
        pids.forEach((task, pid) -> {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                out.add(task);
            }
        });
        return out;
    }

    private static void assertRunning(MasterNode local, String framework, List<String> tasks) throws Exception {
        Waits.until(tasks.size() + " tasks RUNNING on the restarted master", HaCluster.REREGISTER,
                () -> HaCluster.taskStates(local.state(), framework),
                s -> tasks.stream().allMatch(t -> "TASK_RUNNING".equals(s.get(t))));
    }

    private static List<String> agentIds(JsonNode state) {
        List<String> out = new ArrayList<>();
        state.path("slaves").forEach(a -> out.add(a.path("id").asText()));
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
