package dev.miniredis.reactor;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** maxmemory over sockets, on the manual clock: eviction keeps the keyspace under the limit; noeviction refuses writes. */
@Timeout(120)
class MaxmemoryTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static long info(RawClient c, String section, String field) throws Exception {
        for (String line : c.call("INFO", section).split("\r\n")) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.substring(field.length() + 1));
        }
        throw new AssertionError(field + " not in INFO " + section);
    }

    @Test
    void allkeysLruStaysUnderTheLimitAndKeepsTheKeysBeingRead() throws Exception {
        server = new TestServer(new ServerConfig().maxMemoryBytes(2 * 1024 * 1024).maxMemoryPolicy("allkeys-lru"));
        try (RawClient c = server.connect()) {
            for (int i = 0; i < 100; i++) assertThat(c.call("SET", "hot:" + i, "x".repeat(40))).isEqualTo("+OK\r\n");
            for (int round = 0; round < 10; round++) {
                server.advance(Duration.ofSeconds(10));           // time passes; the hot keys are read, the rest not
                for (int i = 0; i < 100; i++) assertThat(c.call("GET", "hot:" + i)).startsWith("$40");
                for (int i = 0; i < 5_000; i++) {
                    assertThat(c.call("SET", "cold:" + round + ":" + i, "y".repeat(40))).isEqualTo("+OK\r\n");
                }
            }
            assertThat(info(c, "memory", "used_memory")).isLessThanOrEqualTo(2 * 1024 * 1024);
            assertThat(info(c, "stats", "evicted_keys")).isGreaterThan(10_000);
            for (int i = 0; i < 100; i++) assertThat(c.call("EXISTS", "hot:" + i)).as("hot:%d", i).isEqualTo(":1\r\n");
            assertThat(c.call("CONFIG", "GET", "maxmemory-policy")).contains("allkeys-lru");
        }
    }

    @Test
    void noevictionRefusesWritesButKeepsServingReads() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            for (int i = 0; i < 2_000; i++) c.call("SET", "k" + i, "v".repeat(50));
            long used = info(c, "memory", "used_memory");
            assertThat(c.call("CONFIG", "SET", "maxmemory", String.valueOf(used / 2))).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "new", "v")).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(c.call("GET", "k1")).startsWith("$50");
            assertThat(c.call("DEL", "k1")).isEqualTo(":1\r\n");          // not denyoom: frees memory
            assertThat(info(c, "stats", "evicted_keys")).isZero();
            assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "new", "v")).isEqualTo("+OK\r\n");   // evicts first, then writes
            assertThat(info(c, "memory", "used_memory")).isLessThanOrEqualTo(used / 2);
        }
    }

    @Test
    void objectIdletimeAndFreqReadTheClockBits() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            server.advance(Duration.ofSeconds(42));
            assertThat(c.call("OBJECT", "IDLETIME", "k")).isEqualTo(":42\r\n");
            assertThat(c.call("TTL", "k")).isEqualTo(":-1\r\n");         // looking is not an access
            assertThat(c.call("OBJECT", "IDLETIME", "k")).isEqualTo(":42\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("OBJECT", "IDLETIME", "k")).isEqualTo(":0\r\n");
            assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "f", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("OBJECT", "FREQ", "f")).isEqualTo(":5\r\n");
            server.advance(Duration.ofMinutes(3));                        // lfu-decay-time 1: one off per minute
            assertThat(c.call("OBJECT", "FREQ", "f")).isEqualTo(":2\r\n");
        }
    }

    @Test
    void aVolatilePolicyThatRunsOutOfKeysWithADeadlineRefusesTheWrite() throws Exception {
        server = new TestServer();
        try (RawClient c = server.connect()) {
            for (int i = 0; i < 2_000; i++) c.call("SET", "k" + i, "v".repeat(50));
            for (int i = 0; i < 5; i++) assertThat(c.call("SET", "t" + i, "v", "EX", "100")).isEqualTo("+OK\r\n");
            long used = info(c, "memory", "used_memory");
            assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "volatile-lru")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "SET", "maxmemory", String.valueOf(used / 2))).isEqualTo("+OK\r\n");
            assertThat(c.call("NOSUCH")).as("refused as unknown, not as out of memory").startsWith("-ERR unknown command");
            // The five keys with a deadline go, and the keyspace is still over the limit: as in Redis, the write fails.
            assertThat(c.call("SET", "new", "v")).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(info(c, "stats", "evicted_keys")).isEqualTo(5);
            assertThat(c.call("EXISTS", "k0", "t0")).isEqualTo(":1\r\n");
        }
    }
}
