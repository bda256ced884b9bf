package io.mezzo.dist.ha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.TestInfo;

/** What the HA tests share: where the distribution is, a directory per test, logs on failure. */
final class HaTests {
    private HaTests() {
    }

    static Path home() {
        Path home = Path.of(System.getProperty("mezzo.dist.dir", "target/mezzo")).toAbsolutePath();
        if (!Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException("no distribution at " + home + "; these tests run after package");
        }
        return home;
    }

    static Path dir(TestInfo test) throws IOException {
        String name = test.getTestClass().orElseThrow().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
        return Files.createDirectories(Path.of(System.getProperty("mezzo.test.work", "target/it-work"))
                .toAbsolutePath().resolve("ha").resolve(name + "-" + System.nanoTime()));
    }

    /** Runs {@code body}; a failure carries what every master and agent printed and what the framework saw. */
    static void attachOnFailure(HaCluster cluster, FailoverFramework framework, Body body) throws Exception {
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            AssertionError failure = new AssertionError(e.getMessage() + "\n=== cluster views: " + cluster.views()
                    + "\n=== framework problems: " + framework.problems()
                    + "\n=== framework updates (not RUNNING only): "
                    + framework.updatesWhere(s -> !s.equals("TASK_RUNNING") && !s.equals("TASK_STARTING"))
                    + "\n" + cluster.output(), e);
            throw failure;
        }
    }

    /** A test's steps. */
    interface Body {
        void run() throws Exception;
    }
}
