package io.mezzo.internal.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every process takes. */
final class CommonOptions {
    @Option(names = {"--work-dir", "--work_dir"}, paramLabel = "DIR",
            description = "Where this process keeps its files (sandboxes, plugin cache). Default: ${java.io.tmpdir}/mezzo/<command>.")
    Path workDir;

    @Option(names = {"--deploy-dir", "--deploy_dir"}, paramLabel = "DIR",
            description = "Bundle jars dropped here are installed and started within about a second;"
                    + " deleting one uninstalls it. A master also hosts the framework scripts (*.js) dropped here"
                    + " (a changed one restarts, a deleted one stops). Default: <work-dir>/deploy.")
    Path deployDir;

    Path workDir(String command) {
        return (workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "mezzo", command))
                .toAbsolutePath().normalize();
    }

    Path deployDir(String command) {
        return deployDir != null ? deployDir.toAbsolutePath().normalize() : workDir(command).resolve("deploy");
    }
}
