package io.mezzo.internal.agent;

import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works out an agent's total resources the way Mesos does when {@code --resources} leaves
 * an item out: cpus = the CPU count; mem = total memory − 1 GB when there are at least
 * 2 GB, else half of it; disk = the work directory's file-system size − 5 GB when it holds
 * at least 10 GB, else half; ports {@code [31000-32000]}. mem and disk are in whole
 * megabytes (Mesos keeps fractions; nobody offers 0.4 MB).
 */
public final class AgentResources {
    static final long MB = 1024L * 1024;
    static final long GB = 1024 * MB;
    static final long DEFAULT_PORTS_BEGIN = 31000;
    static final long DEFAULT_PORTS_END = 32000;

    private AgentResources() {}

    /** What the machine has, in the units the rules use. */
    record Machine(int cpus, long memoryBytes, long diskBytes) {
        Machine {
            if (cpus < 1 || memoryBytes < 0 || diskBytes < 0) {
                throw new IllegalArgumentException("implausible machine: " + cpus + " cpus, "
                        + memoryBytes + " bytes of memory, " + diskBytes + " bytes of disk");
            }
        }
    }

    /**
     * The agent's total: every named item of {@code given} replaces the detected item of that
     * name (all its roles), names only {@code given} has are added.
     *
     * @param workDir where sandboxes go; its file system is the one measured (it need not exist yet)
     */
    public static Resources detect(Path workDir, Optional<Resources> given) {
        Resources explicit = given.orElse(Resources.empty());
        Set<String> named = explicit.names();
        // Only measure what is not given: a disk probe on a missing mount should not fail an
        // agent that was told its disk.
        int cpus = named.contains("cpus") ? 1 : Runtime.getRuntime().availableProcessors();
        long memory = named.contains("mem") ? 0 : totalMemoryBytes();
        long disk = named.contains("disk") ? 0 : fileSystemBytes(workDir);
        return detect(new Machine(cpus, memory, disk), explicit);
    }

    static Resources detect(Machine machine, Resources given) {
        List<Resource> detected = new ArrayList<>();
        detected.add(Resource.scalar("cpus", machine.cpus()));
        detected.add(Resource.scalar("mem", memoryMegabytes(machine.memoryBytes())));
        detected.add(Resource.scalar("disk", diskMegabytes(machine.diskBytes())));
        detected.add(Resource.ranges("ports", DEFAULT_PORTS_BEGIN, DEFAULT_PORTS_END));
        Set<String> named = given.names();
        return Resources.of(detected).filter(r -> !named.contains(r.name())).plus(given);
    }

    static long memoryMegabytes(long totalBytes) {
        long usable = totalBytes >= 2 * GB ? totalBytes - GB : totalBytes / 2;
        return usable / MB;
    }

    static long diskMegabytes(long totalBytes) {
        long usable = totalBytes >= 10 * GB ? totalBytes - 5 * GB : totalBytes / 2;
        return usable / MB;
    }

    private static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        throw new IllegalStateException("cannot read the total memory of this machine; give 'mem' in the resources");
    }

    private static long fileSystemBytes(Path workDir) {
        Path probe = workDir.toAbsolutePath().normalize();
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        if (probe == null) {
            throw new IllegalStateException("no existing directory above work dir '" + workDir + "'");
        }
        try {
            return Files.getFileStore(probe).getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the file system of work dir '" + workDir
                    + "'; give 'disk' in the resources", e);
        }
    }
}
