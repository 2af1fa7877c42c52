package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Garbage storms and connection churn, over real sockets, while a well-behaved client keeps working. */
@Timeout(120)
class HostileClientsTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void garbageStormDoesNotDisturbAWellBehavedClient() throws Exception {
        AtomicReference<Throwable> goodFailure = new AtomicReference<>();
        int goodKeys = 2000;
        Thread good = new Thread(() -> {
            try (RawClient c = server.connect()) {
                for (int i = 0; i < goodKeys; i++) {
                    assertThat(c.call("SET", "good:" + i, "value:" + i)).isEqualTo("+OK\r\n");
                    assertThat(c.call("GET", "good:" + (i / 2))).isEqualTo(
                            "$" + ("value:" + (i / 2)).length() + "\r\nvalue:" + (i / 2) + "\r\n");
                }
            } catch (Throwable t) {
                goodFailure.set(t);
            }
        });
        good.start();
        Random random = new Random(7);
        byte[][] seeds = {"*3\r\n$3\r\nSET\r\n".getBytes(StandardCharsets.US_ASCII), "*99999999\r\n".getBytes(),
                "$-1\r\n".getBytes(), "GET \"unterminated\r\n".getBytes(), "*1\r\n$2147483647\r\n".getBytes()};
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.port()));
                OutputStream out = s.getOutputStream();
                byte[] noise = new byte[random.nextInt(5000)];
                random.nextBytes(noise);
                out.write(seeds[random.nextInt(seeds.length)]);
                out.write(noise);
                if (random.nextBoolean()) s.setSoLinger(true, 0); // some leave with a reset instead of a FIN
            } catch (IOException closedByServer) {
                // the server may close on us mid-write after a protocol error: that is its right
            }
        }
        good.join();
        assertThat(goodFailure.get()).isNull();
        try (RawClient c = server.connect()) {
            for (int i = 0; i < goodKeys; i++) {
                assertThat(c.call("GET", "good:" + i)).isEqualTo("$" + ("value:" + i).length() + "\r\nvalue:" + i + "\r\n");
            }
        }
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
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
            observer.call("PING");
            // Warm up once so lazily created JDK structures (selector arrays, caches) exist before the baseline.
            churn(200, observer);
            long fdsBefore = openFileDescriptors();
            long heapBefore = usedHeapAfterGc();
            churn(10_000, observer);
            long fdsAfter = openFileDescriptors();
            long heapAfter = usedHeapAfterGc();
            assertThat(fdsAfter).as("file descriptors before %d, after %d", fdsBefore, fdsAfter).isLessThanOrEqualTo(fdsBefore);
            assertThat(heapAfter - heapBefore).as("retained heap growth in bytes").isLessThan(4L * 1024 * 1024);
        }
    }

    // Opens and closes `count` connections (a third of them send a command first), then waits until the server has seen
    // every close, using round trips on the observer connection as the clock.
    private void churn(int count, RawClient observer) throws Exception {
        List<Socket> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            if (i % 3 == 0) s.getOutputStream().write(RawClient.encode("SET", "churn", String.valueOf(i)));
            batch.add(s);
            if (batch.size() == 100) {
                for (Socket b : batch) b.close();
                batch.clear();
            }
        }
        for (Socket b : batch) b.close();
        for (int i = 0; i < 100_000 && server.loop.connectionCount() != 1; i++) observer.call("PING");
        assertThat(server.loop.connectionCount()).isEqualTo(1);
        // A channel closed while registered with a selector keeps its file descriptor until the selector's next select()
        // deregisters the key. Two more round trips guarantee the loop has been through select() since the last close.
        observer.call("PING");
        observer.call("PING");
    }
}
