package io.mezzo.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.Hdfs;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Task JVMs and the {@code mezzo dfs} command find the implementation without OSGi. */
class ServiceLoaderTest {

    @Test
    void serviceLoaderFindsTheHadoopImplementation() {
        assertThat(ServiceLoader.load(Hdfs.class)).singleElement().isInstanceOf(HadoopHdfs.class);
    }
}
