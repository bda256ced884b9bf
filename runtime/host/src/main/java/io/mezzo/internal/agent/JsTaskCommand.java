package io.mezzo.internal.agent;

import io.mezzo.api.CommandSpec;
import io.mezzo.internal.js.JsTaskWire;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command that runs a JS task: this agent's own JVM and class path, started for a short
 * life ({@code -XX:TieredStopAtLevel=1}, serial GC, the CDS archive when there is one), running
 * {@link JsTaskWire#MAIN_CLASS} on the files the agent wrote into the sandbox.
 */
public final class JsTaskCommand {
    private JsTaskCommand() {}

    /** {@code scriptName} is how stack traces name the script (e.g. {@code tasks/x.js}). */
    public static CommandSpec command(String scriptName) {
        return command(scriptName, Optional.empty());
    }

    /**
     * As {@link #command(String)}, with {@code hdfsJar} (the HDFS bundle, which the task's JVM
     * loads with {@code ServiceLoader} for {@code task.hdfs}) at the end of the class path.
     */
    public static CommandSpec command(String scriptName, Optional<Path> hdfsJar) {
        String java = javaBinary();
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(jvmFlags(Runtime.version().feature()));
        argv.add("-cp");
        String classPath = taskClassPath(System.getProperty("java.class.path"), System.getProperty("jdk.module.path"));
        argv.add(classPath(hdfsJar.map(jar -> classPath + File.pathSeparator + jar).orElse(classPath)));
        argv.addAll(List.of(JsTaskWire.MAIN_CLASS, JsTaskWire.SCRIPT_FILE, JsTaskWire.ARGS_FILE,
                JsTaskWire.RESULT_FILE, JsTaskWire.ERROR_FILE, scriptName));
        return new CommandSpec(false, java, argv);
    }

    static List<String> jvmFlags(int javaFeatureVersion) {
        List<String> flags = new ArrayList<>(List.of("-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        if (javaFeatureVersion >= 24) {
            // Truffle loads native code and uses sun.misc.Unsafe; say so, or JDK 24+ warns on every task.
            flags.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        return flags;
    }

    /**
     * What the task's JVM needs on its class path: the agent's class path, plus its module path
     * when the agent runs GraalJS's optimizing runtime (the Graal jars are then on the module
     * path; a short-lived task runs them interpreted from the class path, without the compiler).
     */
    static String taskClassPath(String agentClassPath, String agentModulePath) {
        return agentModulePath == null || agentModulePath.isEmpty() ? agentClassPath
                : agentClassPath + File.pathSeparator + agentModulePath;
    }

    /**
     * A class path with every entry made absolute: the task's JVM starts in the
     * sandbox, where a relative entry (a JVM started as {@code java -cp lib/*}) would not resolve.
     */
    static String classPath(String agentClassPath) {
        return Arrays.stream(agentClassPath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The agent's own {@code java}: what runs this JVM, else {@code java.home}'s. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> Path.of(c).getFileName().toString().startsWith("java"))
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
