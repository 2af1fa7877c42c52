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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage storms and connection churn, over real sockets, while a well-behaved client keeps working. Only what the
 * server answers is checked: exact error replies, closed connections, and the server's own view of its clients (INFO,
 * CLIENT LIST) once round trips show it has caught up. Heap and file descriptors are {@link ConnectionLeakTest}'s, in
 * the slow profile.
 */
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

    /**
     * Round trips on {@code observer} until the server counts one client, then checks that the one client in its
     * CLIENT LIST is the observer: every other connection is closed and forgotten.
     */
    static void awaitOnlyTheObserver(RawClient observer) throws IOException {
        String id = observer.call("CLIENT", "ID").replaceAll("[:\r\n]", "");
        String info = observer.callUntil(r -> r.contains("\r\nconnected_clients:1\r\n"), "INFO", "clients");
        assertThat(info).as("INFO clients once every other connection is gone").contains("\r\nconnected_clients:1\r\n");
        String list = observer.call("CLIENT", "LIST");
        String body = list.substring(list.indexOf("\r\n") + 2, list.length() - 2);  // a bulk string: $len, text
        assertThat(body.lines()).as("CLIENT LIST").hasSize(1).allMatch(line -> line.startsWith("id=" + id + " "));
    }

    @Test
    void eachKindOfGarbageGetsItsErrorAndOnlyItsConnectionCloses() throws Exception {
        String[][] cases = {
                {"*3\r\n$3\r\nSET\r\nxyz\r\n", "-ERR Protocol error: expected '$', got 'x'\r\n"},
                {"*2147483648\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
                {"*1\r\n$2147483647\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
                {"GET \"unterminated\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"},
        };
        try (RawClient good = server.connect()) {
            assertThat(good.call("SET", "kept", "yes")).isEqualTo("+OK\r\n");
            for (String[] tc : cases) {
                try (RawClient bad = server.connect()) {
                    bad.send(tc[0]);
                    assertThat(bad.read(tc[1])).as("reply to %s", printable(tc[0])).isEqualTo(tc[1]);
                    assertThat(bad.closedByServer()).as("closed after %s", printable(tc[0])).isTrue();
                }
                assertThat(good.call("GET", "kept")).isEqualTo("$3\r\nyes\r\n");
            }
            awaitOnlyTheObserver(good);
        }
    }

    @Test
    void aClientThatLeavesWithAResetMidRequestIsForgotten() throws Exception {
        try (RawClient good = server.connect()) {
            for (int i = 0; i < 50; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", server.port()));
                    s.getOutputStream().write("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nhalf".getBytes(StandardCharsets.US_ASCII));
                    s.setSoLinger(true, 0); // close sends RST instead of FIN
                }
            }
            awaitOnlyTheObserver(good);
            assertThat(good.call("EXISTS", "k")).as("no half request was run").isEqualTo(":0\r\n");
        }
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
            awaitOnlyTheObserver(c);
        }
    }

    @Test
    void tenThousandConnectionsComeAndGoAndTheServerForgetsThemAll() throws Exception {
        try (RawClient observer = server.connect()) {
            churn(server.port(), 10_000);
            awaitOnlyTheObserver(observer);
            assertThat(observer.call("PUBSUB", "NUMPAT")).isEqualTo(":0\r\n");
            assertThat(observer.call("GET", "churn")).as("the commands the churning clients sent were run")
                    .startsWith("$");
        }
    }

    /**
     * Opens and closes {@code count} connections, at most 100 at a time; a third of them send a command first (one that
     * subscribes, so a forgotten subscriber would show in PUBSUB). Does not wait for the server.
     */
    static void churn(int port, int count) throws IOException {
        List<Socket> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port));
            if (i % 3 == 0) {
                s.getOutputStream().write(RawClient.encode("SET", "churn", String.valueOf(i)));
                s.getOutputStream().write(RawClient.encode("PSUBSCRIBE", "churn:*"));
            }
            batch.add(s);
            if (batch.size() == 100) {
                for (Socket b : batch) b.close();
                batch.clear();
            }
        }
        for (Socket b : batch) b.close();
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
