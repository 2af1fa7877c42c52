package dev.miniredis.command;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocked clients on a manual clock: a timeout passes only when the test moves the clock; a client that disconnects
 * while blocked leaves nothing behind; shutdown does not wait for blocked clients.
 */
@Timeout(30)
class BlockingTest {
    private static void awaitBlocked(RawClient other, int n) throws Exception {
        String want = "blocked_clients:" + n + "\r\n";
        assertThat(other.callUntil(r -> r.contains(want), "INFO", "clients")).contains(want);
    }

    @Test
    void theTimeoutIsATimerOnTheInjectedClock() throws Exception {
        try (TestServer server = new TestServer(); RawClient a = server.connect(); RawClient b = server.connect()) {
            a.command("BLPOP", "k", "1.5");
            awaitBlocked(b, 1);
            server.advance(Duration.ofMillis(1499));
            b.call("PING");                                   // a turn ran at +1499 ms: still blocked
            assertThat(b.call("INFO", "clients")).contains("blocked_clients:1\r\n");
            server.advance(Duration.ofMillis(1));
            assertThat(a.readReply()).isEqualTo("*-1\r\n");
            assertThat(a.call("PING")).isEqualTo("+PONG\r\n"); // and the connection goes on
        }
    }

    @Test
    void aBlockedClientThatDisconnectsLeavesNothingBehind() throws Exception {
        try (TestServer server = new TestServer(); RawClient b = server.connect()) {
            try (RawClient a = server.connect()) {
                a.command("BLPOP", "k", "0");
                awaitBlocked(b, 1);
            }
            awaitBlocked(b, 0);
            assertThat(b.call("RPUSH", "k", "v")).isEqualTo(":1\r\n");
            assertThat(b.call("LLEN", "k")).isEqualTo(":1\r\n");  // nobody took it
        }
    }

    @Test
    void shutdownClosesBlockedClientsAndFinishes() throws Exception {
        try (TestServer server = new TestServer(); RawClient a = server.connect(); RawClient b = server.connect()) {
            a.command("BLPOP", "k", "0");
            awaitBlocked(b, 1);
            server.loop.shutdown();
            assertThat(a.closedByServer()).isTrue();
            assertThat(server.awaitStopped(Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void aBlockedClientIsNotClosedAsIdle() throws Exception {
        dev.miniredis.reactor.ServerConfig config = new dev.miniredis.reactor.ServerConfig();
        config.port(0);
        config.idleTimeoutSeconds(1);
        try (TestServer server = new TestServer(config); RawClient a = server.connect(); RawClient b = server.connect()) {
            a.command("BLPOP", "k", "0");
            awaitBlocked(b, 1);
            server.advance(Duration.ofSeconds(3));             // past --timeout: b, idle, is closed; a waits on
            try (RawClient c = server.connect()) {
                assertThat(b.closedByServer()).isTrue();
                assertThat(c.call("RPUSH", "k", "v")).isEqualTo(":1\r\n");
                assertThat(a.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nv\r\n");
            }
        }
    }
}
