package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbered databases over real sockets: each connection's selection, INFO's keyspace lines, CLIENT LIST's db field,
 * RESET, expiry and maxmemory across databases, and {@code --databases}.
 */
@Timeout(30)
class DatabasesTest {
    @Test
    void eachConnectionWorksOnTheDatabaseItSelected() throws Exception {
        try (TestServer server = new TestServer(); RawClient a = server.connect(); RawClient b = server.connect()) {
            assertThat(a.call("SELECT", "1")).isEqualTo("+OK\r\n");
            a.call("SET", "k", "in-1");
            b.call("SET", "k", "in-0");
            assertThat(a.call("GET", "k")).isEqualTo("$4\r\nin-1\r\n");
            assertThat(b.call("GET", "k")).isEqualTo("$4\r\nin-0\r\n");
            assertThat(a.call("CLIENT", "INFO")).contains(" db=1 ");
            String info = b.call("INFO", "keyspace");
            assertThat(info).contains("db0:keys=1,expires=0,avg_ttl=0").contains("db1:keys=1,expires=0,avg_ttl=0");
            assertThat(a.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(a.call("GET", "k")).isEqualTo("$4\r\nin-0\r\n");
            assertThat(a.call("CONFIG", "GET", "databases")).isEqualTo("*2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n");
        }
    }

    @Test
    void keysExpireInEveryDatabase() throws Exception {
        try (TestServer server = new TestServer(); RawClient c = server.connect()) {
            c.call("SELECT", "7");
            c.call("SET", "k", "v", "PX", "100");
            c.call("SELECT", "0");
            c.call("SET", "k", "v", "PX", "200");
            server.advance(Duration.ofMillis(100));
            c.call("PING"); // a round trip: the turn that saw the new time has run its timers
            assertThat(server.loop.keyspace().db(7).size()).isZero();   // removed actively, never looked up
            assertThat(server.loop.keyspace().db(0).size()).isEqualTo(1);
        }
    }

    @Test
    void maxmemoryCountsEveryDatabase() throws Exception {
        try (TestServer server = new TestServer(); RawClient c = server.connect()) {
            c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            for (int db = 0; db < 4; db++) {
                c.call("SELECT", String.valueOf(db));
                for (int i = 0; i < 2000; i++) c.call("SET", "key:" + i, "x".repeat(100));
            }
            long used = server.loop.keyspace().usedMemoryBytes();
            c.call("CONFIG", "SET", "maxmemory", String.valueOf(used / 2));
            // Each command evicts at most 1,000 keys first (CommandTable): a few commands bring the total under.
            for (int i = 0; i < 10; i++) c.call("SET", "one-more", "v");
            assertThat(server.loop.keyspace().usedMemoryBytes()).isLessThanOrEqualTo(used / 2);
            for (int db = 0; db < 4; db++) {
                assertThat(server.loop.keyspace().db(db).size()).as("db %d lost some keys, not all", db)
                        .isBetween(1, 1999);
            }
        }
    }

    @Test
    void theNumberOfDatabasesIsAFlag() throws Exception {
        ServerConfig config = new ServerConfig();
        config.port(0);
        config.databases(2);
        try (TestServer server = new TestServer(config); RawClient c = server.connect()) {
            assertThat(c.call("SELECT", "1")).isEqualTo("+OK\r\n");
            assertThat(c.call("SELECT", "2")).isEqualTo("-ERR DB index is out of range\r\n");
            assertThat(c.call("CONFIG", "GET", "databases")).isEqualTo("*2\r\n$9\r\ndatabases\r\n$1\r\n2\r\n");
        }
    }
}
