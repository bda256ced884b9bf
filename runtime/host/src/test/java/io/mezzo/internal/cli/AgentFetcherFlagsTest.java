package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.internal.agent.fetch.FetcherConfig;
import io.mezzo.spi.HdfsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentFetcherFlagsTest {
    private static AgentCommand parse(String... args) {
        AgentCommand command = new AgentCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void defaultsAreMesossOwn() {
        AgentCommand command = parse("--master", "127.0.0.1:5050");

        FetcherConfig fetcher = command.agent.fetcher();
        assertThat(fetcher.cacheSize()).isEqualTo(2L << 30);
        assertThat(fetcher.stallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(fetcher.frameworksHome()).isEmpty();
        assertThat(fetcher.cacheDirIn(Path.of("/var/mezzo"))).isEqualTo(Path.of("/var/mezzo/fetch-cache"));
        assertThat(command.hdfs.settings().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(command.checkpoint).as("--checkpoint").isFalse();
        assertThat(parse("--master", "127.0.0.1:5050", "--checkpoint").checkpoint).isTrue();
    }

    @Test
    void flagsAndMesosUnderscoreAliasesAreRead() {
        AgentCommand command = parse("--master", "127.0.0.1:5050", "--frameworks_home", "/opt/fw",
                "--fetcher_cache_size", "512MB", "--fetcher-cache-dir", "/cache", "--fetcher_stall_timeout", "5secs",
                "--hadoop-conf-dir", "/etc/hadoop", "--hdfs-default-fs", "hdfs://nn:8020", "--hdfs-timeout", "2mins");

        FetcherConfig fetcher = command.agent.fetcher();
        assertThat(fetcher.frameworksHome()).contains(Path.of("/opt/fw"));
        assertThat(fetcher.cacheSize()).isEqualTo(512L << 20);
        assertThat(fetcher.cacheDir()).contains(Path.of("/cache"));
        assertThat(fetcher.stallTimeout()).isEqualTo(Duration.ofSeconds(5));
        HdfsSettings hdfs = command.hdfs.settings();
        assertThat(hdfs.confDir()).contains(Path.of("/etc/hadoop"));
        assertThat(hdfs.defaultFs()).contains(URI.create("hdfs://nn:8020"));
        assertThat(hdfs.timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> parse("--master", "m:1", "--fetcher-cache-size", "lots").agent.fetcher())
                .hasMessageStartingWith("--fetcher-cache-size: invalid byte size 'lots'");
        assertThatThrownBy(() -> parse("--master", "m:1", "--hdfs-default-fs", "http://nn:8020").hdfs.settings())
                .hasMessageContaining("--hdfs-default-fs").hasMessageContaining("hdfs://host[:port]");
    }
}
