package dev.miniredis.command.tx;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the differential test cannot drive: time (a watched key that expires, actively or lazily), eviction, a watcher
 * that disconnects, and that a server where nobody watches does not report changes at all.
 */
@Timeout(30)
class TransactionTest {
    @Test
    void aWatchedKeyThatExpiresFailsTheExec() throws Exception {
        try (TestServer server = new TestServer(); RawClient c = server.connect()) {
            c.call("SET", "lazy", "v", "PX", "100");
            c.call("SET", "active", "v", "PX", "100");
            c.call("WATCH", "lazy");
            c.call("MULTI");
            c.call("INCR", "counter");
            server.advance(Duration.ofMillis(100));   // the deadline passes; nothing has removed the key yet
            assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
            assertThat(c.call("GET", "counter")).isEqualTo("$-1\r\n");

            c.call("WATCH", "active");
            c.call("SET", "other", "x", "PX", "50");
            server.advance(Duration.ofMillis(60));
            c.call("PING");                            // a turn ran the key timer: "other" removed actively
            c.call("MULTI");
            c.call("INCR", "counter");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n:1\r\n");   // an unrelated expiry changes nothing
        }
    }

    @Test
    void aWatchedKeyThatIsEvictedFailsTheExec() throws Exception {
        try (TestServer server = new TestServer(); RawClient c = server.connect()) {
            c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            for (int i = 0; i < 500; i++) c.call("SET", "key:" + i, "x".repeat(200));
            c.call("WATCH", "key:1", "key:2", "key:3");
            c.call("CONFIG", "SET", "maxmemory", "1");    // everything must go
            c.call("MULTI");                             // MULTI is not denyoom: it runs after evicting
            assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
        }
    }

    @Test
    void aWatcherThatDisconnectsLeavesNothingBehind() throws Exception {
        try (TestServer server = new TestServer(); RawClient other = server.connect()) {
            try (RawClient c = server.connect()) {
                c.call("SELECT", "3");
                c.call("WATCH", "a", "b");
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
                other.call("PING");
                // Only reading on the loop thread is safe; a round trip on the other connection orders us after it.
                assertThat(server.loop.keyspace().db(3).watched()).isTrue();
            }
            other.callUntil(reply -> !server.loop.keyspace().db(3).watched(), "PING");
            assertThat(server.loop.keyspace().db(3).watched()).isFalse();
            assertThat(server.loop.keyspace().db(0).watched()).isFalse();
        }
    }

    @Test
    void unwatchAndExecStopTheReports() throws Exception {
        try (TestServer server = new TestServer(); RawClient c = server.connect()) {
            c.call("WATCH", "k");
            assertThat(server.loop.keyspace().db(0).watched()).isTrue();
            c.call("UNWATCH");
            assertThat(server.loop.keyspace().db(0).watched()).isFalse();
            c.call("WATCH", "k");
            c.call("MULTI");
            c.call("SET", "k", "v");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
            assertThat(server.loop.keyspace().db(0).watched()).isFalse();
        }
    }
}
