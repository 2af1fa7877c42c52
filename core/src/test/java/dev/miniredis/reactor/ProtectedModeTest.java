package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Protected mode: the decision as a pure function over every case, then sockets. Linux routes all of 127.0.0.0/8 over
 * loopback, and Redis counts only 127.0.0.1 and ::1 as local, so a client bound to 127.0.0.2 is a stranger to Redis
 * (checked against a real redis-server below): no second machine needed.
 */
@Timeout(60)
class ProtectedModeTest {
    private static final String DENIED = new String(ProtectedMode.DENIED, StandardCharsets.US_ASCII);

    private static InetAddress ip(String text) throws IOException {
        return InetAddress.getByName(text);
    }

    @Test
    void decidesOnProtectedModeThePasswordAndTheExactAddress() throws Exception {
        for (String local : new String[] {"127.0.0.1", "::1", "0:0:0:0:0:0:0:1"}) {
            assertThat(ProtectedMode.denies(true, false, ip(local))).as(local).isFalse();
        }
        for (String stranger : new String[] {"127.0.0.2", "127.1.0.1", "10.0.0.7", "192.168.1.2", "::2", "fe80::1",
                "2001:db8::1", "0.0.0.0"}) {
            assertThat(ProtectedMode.denies(true, false, ip(stranger))).as(stranger).isTrue();
            assertThat(ProtectedMode.denies(false, false, ip(stranger))).as("protected-mode no").isFalse();
            assertThat(ProtectedMode.denies(true, true, ip(stranger))).as("a password is set").isFalse();
        }
        // An IPv4 client of a dual-stack socket: Java hands it over as an IPv4 address already.
        assertThat(ip("::ffff:127.0.0.1")).isInstanceOf(java.net.Inet4Address.class);
        assertThat(ProtectedMode.denies(true, false, ip("::ffff:127.0.0.1"))).isFalse();
    }

    @Test
    void aLoopbackClientIsServedAndAStrangerIsDenied() throws Exception {
        try (TestServer server = new TestServer(new ServerConfig().bind("0.0.0.0"))) {
            try (RawClient local = server.connect()) {
                assertThat(local.call("PING")).isEqualTo("+PONG\r\n");
            }
            assertThat(deniedStranger(server.port())).isEqualTo(DENIED);
            try (RawClient local = server.connect()) {
                // The refused client never became a connection: not counted, not listed.
                assertThat(local.call("CLIENT", "LIST")).doesNotContain("127.0.0.2");
                assertThat(local.call("CONFIG", "SET", "requirepass", "pw")).isEqualTo("+OK\r\n");
                assertThat(servedStranger(server.port())).startsWith("-NOAUTH");     // a password: strangers may try it
                assertThat(local.call("CONFIG", "SET", "requirepass", "", "protected-mode", "no")).isEqualTo("+OK\r\n");
                assertThat(servedStranger(server.port())).isEqualTo("+PONG\r\n");    // protected mode off: served
            }
        }
    }

    @Test
    void theDeniedTextIsRedisesByteForByte() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        // Redis 7.0 does not look at bind, but a client from 127.0.0.2 needs a socket that listens beyond 127.0.0.1.
        try (RealRedis redis = new RealRedis("--bind", "0.0.0.0")) {
            assertThat(deniedStranger(redis.port())).isEqualTo(DENIED);
        }
    }

    private static Socket stranger(int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress("127.0.0.2", 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /**
     * Connects from 127.0.0.2 and reads until the server closes, sending nothing: DENIED comes at accept, before any
     * command, and a server that closes a socket with nothing unread ends it with a plain FIN (had we sent a command
     * first, the close could be a reset, which may discard the text before we read it).
     */
    private static String deniedStranger(int port) throws IOException {
        try (Socket s = stranger(port)) {
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Connects from 127.0.0.2, sends PING and reads one line of reply. */
    private static String servedStranger(int port) throws IOException {
        try (Socket s = stranger(port)) {
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != -1; ) {
                line.append((char) b);
                if (line.toString().endsWith("\r\n")) break;
            }
            return line.toString();
        }
    }
}
