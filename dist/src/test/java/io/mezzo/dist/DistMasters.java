package io.mezzo.dist;

import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.runtime.HostRuntime;
import io.mezzo.internal.runtime.MasterSecurity;
import io.mezzo.internal.runtime.MasterService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;

/** Masters on the distribution's host runtime, for the tests that swap plugins under a real master. */
final class DistMasters {
    private DistMasters() {
    }

    /**
     * A master on an ephemeral HTTP port, guarded as {@code security} says. Hazelcast needs a
     * fixed member port: a free one is picked, and picked again if another process took it meanwhile.
     */
    static MasterService start(HostRuntime runtime, String name, MasterSecurity security) throws IOException {
        MasterConfig config = MasterConfig.defaults("127.0.0.1", "127.0.0.1", 0);
        String cluster = name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return MasterService.start(runtime, config, cluster, freePort(), Map.of("cluster", cluster),
                        Optional.empty(), security);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
