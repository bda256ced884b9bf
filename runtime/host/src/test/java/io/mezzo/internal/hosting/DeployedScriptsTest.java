package io.mezzo.internal.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.time.FakeTime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedScriptsTest {
    @TempDir
    Path deploy;
    final FakeTime time = new FakeTime();
    final ScriptedHost host = new ScriptedHost();
    final HostedFrameworks hosted = new HostedFrameworks(host.runtime(), List.of(URI.create("http://127.0.0.1:1")),
            time, 100);
    final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    final Logger log = Logger.getLogger(DeployedScripts.class.getName());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().equals(Level.WARNING)) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    DeployedScripts watch;
    long mtime = 1_000_000;

    @BeforeEach
    void start() throws Exception {
        log.addHandler(capture);
        watch = new DeployedScripts(deploy, hosted, time).start();
        tick();
    }

    @AfterEach
    void stop() {
        log.removeHandler(capture);
        watch.close();
        hosted.close();
    }

    /** One watch period: the scan and whatever it started or stopped have run. */
    void tick() throws Exception {
        time.advance(DeployedScripts.PERIOD);
        watch.idle().get(10, TimeUnit.SECONDS);
        hosted.idle().get(10, TimeUnit.SECONDS);
        watch.idle().get(10, TimeUnit.SECONDS);
        hosted.idle().get(10, TimeUnit.SECONDS);
    }

    /** Long enough for a written file to be acted on: two scans that see it unchanged. */
    void settle() throws Exception {
        tick();
        tick();
    }

    void write(String name, String text) throws Exception {
        Path file = deploy.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime += 1000));
    }

    @Test
    void droppedScriptIsHostedWithTaskScriptsResolvedInTheDeployDirectory() throws Exception {
        Files.createDirectories(deploy.resolve("tasks"));
        Files.writeString(deploy.resolve("tasks/pi-task.js"), "module.exports = () => 4;");
        write("pi.js", "module.exports = {name: 'pi'};");
        Files.writeString(deploy.resolve("notes.txt"), "not a script");

        settle();

        assertThat(hosted.list()).singleElement().satisfies(h -> {
            assertThat(h.script()).isEqualTo("pi.js");
            assertThat(h.origin()).isEqualTo(Hosted.Origin.DEPLOY_DIR);
            assertThat(h.state()).isEqualTo(Hosted.State.RUNNING);
        });
        assertThat(host.only().script.read("tasks/pi-task.js")).contains("module.exports = () => 4;");
    }

    @Test
    void changedScriptIsRestartedButATouchedOneIsNot() throws Exception {
        write("a.js", "module.exports = {name: 'a'};");
        settle();
        write("a.js", "module.exports = {name: 'a'};"); // same content, new mtime
        settle();
        assertThat(host.started).hasSize(1);

        write("a.js", "module.exports = {name: 'a2'};");
        settle();

        assertThat(host.started).hasSize(2);
        assertThat(host.started.get(0).stops).containsExactly("a.js changed; restarting it");
        assertThat(host.started.get(1).script.text()).contains("a2");
        assertThat(hosted.list()).extracting(Hosted::state).containsExactly(Hosted.State.STOPPED, Hosted.State.RUNNING);
    }

    @Test
    void deletedScriptIsStopped() throws Exception {
        write("a.js", "module.exports = {name: 'a'};");
        settle();

        Files.delete(deploy.resolve("a.js"));
        tick();

        assertThat(host.only().stops).containsExactly("a.js was deleted from the deploy directory");
        assertThat(hosted.list()).singleElement().satisfies(h -> assertThat(h.state()).isEqualTo(Hosted.State.STOPPED));
    }

    @Test
    void brokenScriptIsListedFailedAndLoggedOncePerVersion() throws Exception {
        write("bad.js", "SYNTAX");
        settle();
        tick();
        tick();

        assertThat(hosted.list()).singleElement().satisfies(h -> {
            assertThat(h.state()).isEqualTo(Hosted.State.FAILED);
            assertThat(h.reason()).contains("bad.js:3: SyntaxError: Expected ; but found x");
        });
        assertThat(warnings).singleElement().satisfies(r -> assertThat(r.getMessage()).contains("bad.js:3"));

        write("bad.js", "SYNTAX again");
        settle();
        assertThat(warnings).hasSize(2);

        write("bad.js", "module.exports = {name: 'fixed'};");
        settle();
        assertThat(host.only().script.text()).contains("fixed");
        assertThat(hosted.list()).extracting(Hosted::state)
                .containsExactly(Hosted.State.FAILED, Hosted.State.FAILED, Hosted.State.RUNNING);
    }

    @Test
    void scanRepeatsEveryPeriod() throws Exception {
        tick();
        write("late.js", "module.exports = {name: 'late'};");
        assertThat(hosted.list()).isEmpty();
        time.advance(Duration.ofMillis(999));
        watch.idle().get(10, TimeUnit.SECONDS);
        hosted.idle().get(10, TimeUnit.SECONDS);
        assertThat(hosted.list()).as("not before the period").isEmpty();
        tick();
        assertThat(hosted.list()).as("seen once: it may still be written").isEmpty();
        tick();
        assertThat(hosted.list()).hasSize(1);
    }

    @Test
    void aScriptStillBeingWrittenIsStartedOnlyOnceItStopsChanging() throws Exception {
        write("slow.js", "module.exports = {");
        tick();
        write("slow.js", "module.exports = {name: 'sl");
        tick();
        write("slow.js", "module.exports = {name: 'slow'};");
        tick();
        assertThat(hosted.list()).as("still changing").isEmpty();

        tick();

        assertThat(host.only().script.text()).isEqualTo("module.exports = {name: 'slow'};");
        assertThat(warnings).as("no half-written version was tried").isEmpty();
    }
}
