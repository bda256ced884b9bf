package io.mezzo.internal.agent;

import static io.mezzo.internal.agent.AgentResources.GB;
import static io.mezzo.internal.agent.AgentResources.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.Resources;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentResourcesTest {

    private static Resources detect(int cpus, long memory, long disk, String given) {
        return AgentResources.detect(new AgentResources.Machine(cpus, memory, disk), Resources.parse(given));
    }

    @Test
    void largeMachineKeepsOneGigabyteOfMemoryAndFiveOfDisk() {
        // 16 GB memory -> 15 GB = 15360 MB; 100 GB disk -> 95 GB = 97280 MB
        assertThat(detect(8, 16 * GB, 100 * GB, ""))
                .isEqualTo(Resources.parse("cpus:8;mem:15360;disk:97280;ports:[31000-32000]"));
    }

    @Test
    void smallMachineOffersHalfItsMemoryAndDisk() {
        // 1 GB memory -> 512 MB; 8 GB disk -> 4096 MB
        assertThat(detect(1, GB, 8 * GB, ""))
                .isEqualTo(Resources.parse("cpus:1;mem:512;disk:4096;ports:[31000-32000]"));
    }

    @Test
    void thresholdsAreInclusive() {
        // exactly 2 GB memory -> 1024 MB (2 GB - 1 GB, which here equals half); exactly 10 GB disk -> 5120 MB
        assertThat(detect(1, 2 * GB, 10 * GB, "").scalar("mem").value()).isEqualTo(1024);
        assertThat(detect(1, 2 * GB - MB, 10 * GB, "").scalar("mem").value()).isEqualTo(1023);
        assertThat(detect(1, 3 * GB, 10 * GB, "").scalar("disk").value()).isEqualTo(5120);
        assertThat(detect(1, 3 * GB, 10 * GB - 2 * MB, "").scalar("disk").value()).isEqualTo(5119);
    }

    @Test
    void givenItemsReplaceDetectedOnesAndExtraNamesAreAdded() {
        // cpus and ports given (with a reservation), gpus extra; mem and disk detected
        Resources total = detect(8, 16 * GB, 100 * GB, "cpus:2;cpus(ads):1;ports:[8000-8100];gpus:1");
        assertThat(total).isEqualTo(Resources.parse(
                "cpus:2;cpus(ads):1;mem:15360;disk:97280;ports:[8000-8100];gpus:1"));
    }

    @Test
    void detectsThisMachine(@TempDir Path dir) {
        Resources total = AgentResources.detect(dir.resolve("not/yet/there"), Optional.empty());
        assertThat(total.scalar("cpus").value()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(total.scalar("mem").value()).isPositive();
        assertThat(total.scalar("disk").value()).isPositive();
        assertThat(total.ranges("ports")).isEqualTo(Resources.parse("ports:[31000-32000]").ranges("ports"));
    }

    @Test
    void givenMemoryAndDiskAreNotMeasured(@TempDir Path dir) {
        Resources total = AgentResources.detect(dir, Optional.of(Resources.parse("mem:100;disk:200")));
        assertThat(total.scalar("mem").value()).isEqualTo(100);
        assertThat(total.scalar("disk").value()).isEqualTo(200);
    }
}
