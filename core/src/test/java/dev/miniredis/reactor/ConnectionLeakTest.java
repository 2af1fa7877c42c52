package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * 10,000 connections come and go, and the process keeps neither their sockets nor their memory. Both figures are the
 * whole JVM's (the JDK fills caches lazily), so this runs only in the slow
 * profile ({@code mvn -Pslow verify}), in a JVM of its own where nothing else runs. What the server itself forgets is
 * checked in the default build by {@link HostileClientsTest}.
 */
@Tag("slow")
@Timeout(240)
class ConnectionLeakTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    // Sockets only: class loading opens (and keeps) jar files whenever a class is first needed, which says nothing about
    // connections; a run once saw one more descriptor after the churn, a jar.
    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false; // closed while we looked: not a socket that stays
                }
            }).count();
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @Test
    void tenThousandConnectionsComeAndGoWithoutLeaking() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to count file descriptors");
        try (RawClient observer = server.connect()) {
            // Warm up once so lazily created JDK structures (selector arrays, caches) exist before the baseline.
            churnAndWait(200, observer);
            long fdsBefore = openSockets();
            long heapBefore = usedHeapAfterGc();
            churnAndWait(10_000, observer);
            long fdsAfter = openSockets();
            long heapAfter = usedHeapAfterGc();
            assertThat(fdsAfter).as("sockets open before %d, after %d", fdsBefore, fdsAfter).isLessThanOrEqualTo(fdsBefore);
            assertThat(heapAfter - heapBefore).as("retained heap growth in bytes").isLessThan(4L * 1024 * 1024);
        }
    }

    private void churnAndWait(int count, RawClient observer) throws Exception {
        HostileClientsTest.churn(server.port(), count);
        HostileClientsTest.awaitOnlyTheObserver(observer);
        // A channel closed while registered with a selector keeps its file descriptor until the selector's next select()
        // deregisters the key. Two more round trips guarantee the loop has been through select() since the last close.
        observer.call("PING");
        observer.call("PING");
    }
}
