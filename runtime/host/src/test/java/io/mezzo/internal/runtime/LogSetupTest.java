package io.mezzo.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    /**
     * In a fresh JVM (this test JVM holds io.mezzo loggers strongly through other classes):
     * the configured level survives garbage collections that happen before any Mezzo class
     * has a logger of its own.
     */
    @Test
    void mezzosLevelSurvivesAGarbageCollectionBeforeItsFirstLogger() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName())).redirectErrorStream(true).start();
        String output;
        try {
            assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ended").isTrue();
        } finally {
            output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.destroyForcibly();
        }
        assertThat(output).contains("INFO  probe: still at INFO after the collections");
    }

    @Test
    void levelNamesAreMezzosAndUnknownOnesAreNamed() {
        assertThat(LogSetup.level("warn")).isEqualTo(Level.WARNING);
        assertThat(LogSetup.level("DEBUG")).isEqualTo(Level.FINE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogSetup.level("loud"))
                .hasMessageContaining("unknown log level 'loud'");
    }

    /** Configures logging, collects garbage until a weakly held object is gone, then logs. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            LogSetup.configure(Level.INFO);
            WeakReference<Object> sentinel = new WeakReference<>(new Object());
            for (int i = 0; i < 50 && sentinel.get() != null; i++) {
                System.gc();
            }
            System.getLogger("io.mezzo.probe").log(System.Logger.Level.INFO, "still at INFO after the collections");
        }
    }
}
