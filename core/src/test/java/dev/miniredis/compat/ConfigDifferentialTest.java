package dev.miniredis.compat;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CONFIG SET and CONFIG GET against a real redis-server, seeded and random, RESP2 and RESP3: several parameters per SET
 * (all or nothing: a refused value puts back the ones before it), unknown, immutable and repeated names in every order,
 * names in any case, old aliases, several patterns per GET. CONFIG GET's pairs come in the order of Redis's hash table,
 * which changes from one process to the next, so its replies are compared with their pairs sorted by name. Left out on
 * purpose: a limit for normal clients ({@code normal 1 2 3}), which Redis takes and we refuse (we have none to enforce),
 * and maxclients, which Redis caps by the process's file descriptor limit and we do not.
 */
@Timeout(180)
class ConfigDifferentialTest {
    /** Parameters both servers have and mean the same by. */
    private static final String[] NAMES = {"maxmemory", "maxmemory-policy", "maxmemory-samples", "lfu-log-factor",
            "lfu-decay-time", "hash-max-listpack-entries", "hash-max-ziplist-entries", "hash-max-listpack-value",
            "hash-max-ziplist-value", "set-max-intset-entries", "zset-max-listpack-entries", "zset-max-ziplist-value",
            "list-max-listpack-size", "list-max-ziplist-size", "timeout", "protected-mode", "loglevel",
            "shutdown-timeout", "proto-max-bulk-len", "client-query-buffer-limit",
            "client-output-buffer-limit", "databases", "tcp-backlog", "io-threads", "cluster-enabled", "nosuch", "Foo",
            "MAXMEMORY", "Timeout", "TCP-BACKLOG"};
    private static final String[] VALUES = {"0", "1", "7", "64", "128", "1000", "-1", "-2", "abc", "", "1kb", "2MB",
            "1mb", "3gb", "1.5", "yes", "no", "YES", "maybe", "allkeys-lru", "NOEVICTION", "bogus", "debug", "notice",
            "WARNING", "loud", "99999999999999999999", "2147483648", "1048576", "1048575", "10k", "pubsub 1mb 2mb 3",
            "normal 0 0 0", "replica 1 2 3", "pubsub 1 2", "nobody 1 2 3", "pubsub x 2 3"};
    private static final String[] PATTERNS = {"maxmemory", "maxmemory*", "hash-max-*", "zset-max-*", "lfu-*",
            "list-max-*", "set-max-*", "MAXMEMORY-POLICY", "Timeout", "protected-mode", "loglevel", "nosuch",
            "hash-max-ziplist-entries", "hash-max-?iplist-value", "databases", "client-*-buffer-limit", "*-samples",
            "maxmemory-[ps]*", "proto-max-bulk-len"};

    private static String[] command(Random r) {
        if (r.nextInt(3) == 0) {
            int n = 1 + r.nextInt(3);
            List<String> c = new ArrayList<>(List.of("CONFIG", "GET"));
            for (int i = 0; i < n; i++) c.add(PATTERNS[r.nextInt(PATTERNS.length)]);
            return c.toArray(new String[0]);
        }
        int pairs = 1 + r.nextInt(3);
        List<String> c = new ArrayList<>(List.of("CONFIG", "SET"));
        for (int i = 0; i < pairs; i++) {
            c.add(NAMES[r.nextInt(NAMES.length)]);
            c.add(VALUES[r.nextInt(VALUES.length)]);
        }
        if (r.nextInt(20) == 0) c.remove(c.size() - 1);            // a name without its value
        return c.toArray(new String[0]);
    }

    @Test
    void configSetAndGetAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            // The defaults that differ (Redis sizes maxclients by the file descriptor limit; our shutdown is quicker).
            d.both("CONFIG", "SET", "maxclients", "1000", "shutdown-timeout", "10");
            d.run(Differential.seed(), 3_000, ConfigDifferentialTest::command,
                    (command, reply) -> sortedPairs(reply));
        }
    }

    /**
     * Parameters Redis can change and we cannot (we accept only our own value): a value Redis refuses gets Redis's
     * words here too. (A value Redis would take gets our own reason; that difference is on purpose.)
     */
    @Test
    void constantsRefuseBadValuesAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            for (String name : new String[] {"appendonly", "appendfsync", "lazyfree-lazy-user-flush"}) {
                for (String value : new String[] {"maybe", "abc", "", "1"}) d.both("CONFIG", "SET", name, value);
            }
            for (String name : new String[] {"hz", "tcp-keepalive", "list-compress-depth", "maxmemory-eviction-tenacity"}) {
                for (String value : new String[] {"abc", "-1", "1.5", "", "2147483648"}) {
                    d.both("CONFIG", "SET", name, value);
                }
            }
            d.both("CONFIG", "SET", "maxmemory-eviction-tenacity", "101");
            d.both("CONFIG", "SET", "appendonly", "NO", "appendfsync", "EverySec", "hz", "10", "list-compress-depth",
                    "0");
        }
    }

    /**
     * Every value CONFIG GET prints goes back through CONFIG SET with the same answer as Redis gives for its own value
     * (OK, or "can't set immutable config"). Redis's values differ from ours for a few parameters (its port, its save
     * schedule), so each server gets its own value back.
     */
    @Test
    void everyParameterRoundTripsThroughConfigSet() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (BothServers servers = new BothServers("config-round-trip");
             RawClient redis = new RawClient(servers.redis.port());
             RawClient ours = new RawClient(servers.ours.port())) {
            List<String> names = pairs(ours.command("CONFIG", "GET", "*").readReplyBytes()).stream()
                    .map(p -> p[0]).toList();
            assertThat(names).contains("port", "bind", "protected-mode", "maxmemory", "databases");
            for (String name : names) {
                List<String[]> theirs = pairs(redis.command("CONFIG", "GET", name).readReplyBytes());
                List<String[]> mine = pairs(ours.command("CONFIG", "GET", name).readReplyBytes());
                assertThat(mine).as(name).hasSize(1);
                assertThat(theirs).as("Redis 7.0 has %s", name).hasSize(1);
                String expected = redis.call("CONFIG", "SET", name, theirs.get(0)[1]);
                assertThat(ours.call("CONFIG", "SET", name, mine.get(0)[1])).as(name).isEqualTo(expected);
            }
        }
    }

    // RESP2 "*2n" or RESP3 "%n", then n name/value pairs of bulk strings: re-emitted with the pairs sorted by name.
    private static byte[] sortedPairs(byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        if (text.isEmpty() || (text.charAt(0) != '*' && text.charAt(0) != '%')) return reply;
        List<String[]> pairs = pairs(reply);
        pairs.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder(text.substring(0, text.indexOf("\r\n") + 2));
        for (String[] p : pairs) {
            out.append('$').append(p[0].length()).append("\r\n").append(p[0]).append("\r\n");
            out.append('$').append(p[1].length()).append("\r\n").append(p[1]).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String[]> pairs(byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\r\n") + 2;
        List<String> items = new ArrayList<>();
        while (at < text.length()) {
            int end = text.indexOf("\r\n", at);
            int length = Integer.parseInt(text.substring(at + 1, end));
            items.add(text.substring(end + 2, end + 2 + length));
            at = end + 2 + length + 2;
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < items.size(); i += 2) pairs.add(new String[] {items.get(i), items.get(i + 1)});
        return pairs;
    }
}
