package io.mezzo.internal.cli;

import io.mezzo.internal.hdfs.HdfsServices;
import io.mezzo.internal.js.HdfsBridge;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.security.Credential;
import io.mezzo.internal.tls.ClientTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a framework script as a client of a master, from this process, until it calls"
                + " ctx.finish(result).",
                "Prints the result as JSON on the last line of output and exits 0; exits 1 with the reason when the"
                        + " framework fails, 2 when the script does not load. Ctrl-C tears the framework down"
                        + " (its tasks are killed) before exiting."},
        footer = {"%nExample:  mezzo run scripts/frameworks/pi.js --master http://127.0.0.1:5050 --param tasks=8"})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The framework script (e.g. pi.js); task scripts it"
            + " names resolve relative to its directory.")
    Path file;

    @Option(names = "--master", required = true, split = ",", paramLabel = "URL",
            description = "A master's URL, e.g. http://127.0.0.1:5050; repeat (or separate with commas) for"
                    + " several: the framework follows the leader.")
    List<String> masters = new ArrayList<>();

    @Mixin
    ScriptOptions script;

    @Mixin
    HdfsOptions hdfs;

    @Mixin
    MasterAccess access;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no framework script at " + file);
        }
        List<URI> urls = access.urls(masters);
        Optional<ClientTls> trust = access.trust(urls);
        Optional<Credential> presented = access.credential();
        ClientFrameworks frameworks;
        try {
            frameworks = ClientFrameworks.start(List.of(file), JsRuntime.scriptHost(script.callbackTimeout(),
                            HdfsBridge.connectingOnFirstUse(hdfs.settings(), HdfsServices.distributionBundleJar())),
                    m -> JsRuntime.connect(m, trust, presented), urls, script.paramsJson(), () -> { });
        } catch (ScriptException e) {
            System.err.println("mezzo: " + e.getMessage());
            return 2;
        }
        return frameworks.report(frameworks.await(), System.out, System.err);
    }
}
