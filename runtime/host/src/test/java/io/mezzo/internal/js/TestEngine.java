package io.mezzo.internal.js;

/**
 * One JS engine for every JS test class in the test JVM, as a Mezzo process has one: creating
 * an engine and its first context costs about a second, which each class would pay again.
 * Never closed; it goes with the JVM.
 */
final class TestEngine {
    static final JsEngine SHARED = new JsEngine();

    private TestEngine() {
    }
}
