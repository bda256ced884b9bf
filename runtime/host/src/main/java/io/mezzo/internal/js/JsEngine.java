package io.mezzo.internal.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The process's one polyglot {@link Engine}, shared by every framework script: a context on a
 * shared engine costs milliseconds instead of tens of them, and code the engine has compiled
 * is reused across scripts. Created once per process, on first use.
 *
 * <p>The engine runs interpreted unless the JVM was started for GraalJS's optimizing runtime
 * (JDK 25, the Graal jars on the module path and the Graal compiler as an upgrade module; see
 * docs/js-frameworks.md); it says which in the log when it starts.
 */
public final class JsEngine implements AutoCloseable {
    /**
     * Every context of one engine must use the same host access; scripts reach only the
     * members marked {@link HostAccess.Export} (the {@code ctx} bridge), nothing else of Java.
     */
    static final HostAccess HOST_ACCESS = HostAccess.EXPLICIT;

    private final Engine engine;

    public JsEngine() {
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        System.getLogger(JsEngine.class.getName()).log(System.Logger.Level.INFO,
                "JavaScript engine started: GraalJS, " + runtimeName(engine));
    }

    /** {@code optimizing runtime (GraalVM CE)} or {@code interpreter only}. */
    static String runtimeName(Engine engine) {
        String implementation = engine.getImplementationName();
        return "Interpreted".equals(implementation) ? "interpreter only"
                : "optimizing runtime (" + implementation + ")";
    }

    /** The shared engine (for measurements; scripts get contexts from {@link #sandbox()}). */
    public Engine engine() {
        return engine;
    }

    /**
     * A builder for a framework script's context: the shared engine, JS only, and none of
     * Java's powers: no host classes, files, sockets, processes, environment, threads, native
     * code or other languages. The shell-like globals ({@code load}, {@code print}, the
     * {@code Graal}, {@code Polyglot} and {@code java} objects) are not installed.
     */
    Context.Builder sandbox() {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowExperimentalOptions(true)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.commonjs-require", "false");
    }

    /** Closes the engine, cancelling whatever script is still running. */
    @Override
    public void close() {
        engine.close(true);
    }
}
