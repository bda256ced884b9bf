package io.mezzo.dist;

import java.nio.file.Path;

/** The JDKs the end-to-end tests run Mezzo on besides the one running the tests. */
public final class Jdks {
    /** Where these machines keep Temurin 25; MEZZO_JDK25_HOME points elsewhere. */
    public static final Path JDK25 = Path.of(System.getenv().getOrDefault("MEZZO_JDK25_HOME",
            "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private Jdks() {
    }
}
