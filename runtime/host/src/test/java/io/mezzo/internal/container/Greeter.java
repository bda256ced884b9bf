package io.mezzo.internal.container;

/** A stand-in SPI for slot tests: registered from the system bundle, so no bundle is needed. */
public interface Greeter {
    String greet();
}
