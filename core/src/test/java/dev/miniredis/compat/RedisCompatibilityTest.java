package dev.miniredis.compat;

import dev.miniredis.reactor.EventLoop;
import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sends the same commands to a real redis-server and to ours and requires the same reply bytes, errors included. This is
 * how "answers as Redis 7 does" is checked rather than assumed. Skipped when redis-server is not installed.
 *
 * <p>Our server runs on the real clock here, so relative and absolute expiry times mean the same on both sides; the cases
 * avoid what is legitimately different between two servers (the order of KEYS and SCAN) and the one deliberate
 * difference: we have a single database, so {@code SELECT 1} is an error here and OK on a default Redis.
 *
 * <h2>TTL and PTTL replies</h2>
 * The remaining time of a key is legitimately different on the two servers: they are asked one after the other, and a
 * relative expiry ({@code EX 100}) starts when each server runs it. Milliseconds always differ, and seconds too when the
 * remaining time crosses a rounding boundary between the two readings: TTL rounds to the nearest second, so at
 * 99.500 s one server says 100 and the other, a moment later, 99. Comparing bytes would fail at random. So a
 * {@code TTL key} or {@code PTTL key} case is checked by a rule that is exact whatever the timing:
 * <ul>
 *   <li>on each server, the case is bracketed by a {@code PTTL} just before and just after it; the reply must be what
 *       Redis's rounding ({@code (ms + 500) / 1000} for TTL) gives for some time between the two, so it lies between
 *       the rounded brackets (a key cannot gain time while nobody writes). Redis itself is held to the same rule, which
 *       keeps the rule honest;</li>
 *   <li>across the servers, the key must be in the same state (no key -2, no expiry -1, or a deadline), and for a
 *       deadline the two servers' remaining times may differ by no more than the time the test has been running, twice
 *       over (once for when each server set the deadline, once for when each was asked), plus 2 ms for rounding to
 *       whole milliseconds.</li>
 * </ul>
 * Both servers read the same system clock as the test, so the bounds hold as long as that clock is not stepped back.
 */
@Timeout(120)
class RedisCompatibilityTest {
    private static BothServers servers;
    private static RealRedis redis;
    private static EventLoop ours;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        servers = new BothServers("compat-loop");
        redis = servers.redis;
        ours = servers.ours;
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) servers.close();
    }

    private static final long FUTURE_S = System.currentTimeMillis() / 1000 + 100_000;

    private static final String[][] CASES = {
            // connection
            {"PING"}, {"PING", "hello"}, {"PING", "a", "b"}, {"ECHO", "x"}, {"ECHO"}, {"ECHO", ""},
            {"SELECT", "0"}, {"SELECT", "x"}, {"SELECT", "-1"}, {"SELECT", "99999999999"},
            {"ping"}, {"pInG"},
            // unknown and arity
            {"NOSUCH"}, {"NOSUCH", "a", "b c"}, {"GET"}, {"GET", "a", "b"}, {"SET", "k"}, {"MSET", "a"},
            {"MSET", "a", "1", "b"}, {"DEL"}, {"EXISTS"}, {"SCAN"}, {"KEYS"}, {"DBSIZE", "x"}, {"TTL"},
            // SET and its options
            {"SET", "k", "v"}, {"GET", "k"}, {"SET", "k", "v2", "NX"}, {"SET", "k", "v2", "XX"}, {"GET", "k"},
            {"SET", "n", "v", "XX"}, {"SET", "k", "v3", "GET"}, {"SET", "k2", "v", "GET"}, {"SET", "k", "v", "NX", "XX"},
            {"SET", "k", "v", "XX", "NX"}, {"SET", "k", "v", "NX", "NX"}, {"SET", "k", "v", "NX", "GET"},
            {"SET", "k", "v", "EX"}, {"SET", "k", "v", "EX", "10", "PX", "100"}, {"SET", "k", "v", "EX", "10", "EX", "20"},
            {"TTL", "k"}, {"SET", "k", "v", "EX", "0"}, {"SET", "k", "v", "EX", "-5"}, {"SET", "k", "v", "EX", "abc"},
            {"SET", "k", "v", "PX", "9223372036854775807"}, {"SET", "k", "v", "EX", "9223372036854775"},
            {"SET", "k", "v", "EX", "9223372036854776"}, {"SET", "k", "v", "KEEPTTL", "EX", "1"},
            {"SET", "k", "v", "EX", "100", "KEEPTTL"}, {"SET", "k", "v", "EX", "100"}, {"SET", "k", "w", "KEEPTTL"},
            {"TTL", "k"}, {"SET", "k", "w"}, {"TTL", "k"}, {"SET", "k", "v", "PERSIST"}, {"SET", "k", "v", "FOO"},
            {"SET", "k", "v", "EXAT", String.valueOf(FUTURE_S)}, {"TTL", "k"}, {"SET", "k", "v", "PXAT", "1"},
            {"EXISTS", "k"}, {"set", "k", "v", "ex", "100", "get"}, {"SET", "k", "v", "GET", "GET"},
            // SETNX, GETDEL, GETEX
            {"SETNX", "s", "1"}, {"SETNX", "s", "2"}, {"GET", "s"}, {"GETDEL", "s"}, {"GETDEL", "s"},
            {"SET", "g", "v"}, {"GETEX", "g"}, {"GETEX", "g", "EX", "100"}, {"TTL", "g"}, {"GETEX", "g", "PERSIST"},
            {"TTL", "g"}, {"GETEX", "g", "EX", "0"}, {"GETEX", "g", "EX", "x"}, {"GETEX", "g", "NX"},
            {"GETEX", "g", "KEEPTTL"}, {"GETEX", "g", "PERSIST", "EX", "1"}, {"GETEX", "missing", "EX", "0"},
            {"GETEX", "g", "PXAT", "1"}, {"EXISTS", "g"},
            // MGET / MSET
            {"MSET", "a", "1", "b", "2"}, {"MGET", "a", "b", "nope", "a"},
            // counters
            {"INCR", "c"}, {"INCR", "c"}, {"DECR", "c"}, {"INCRBY", "c", "10"}, {"DECRBY", "c", "3"},
            {"INCRBY", "c", "x"}, {"DECRBY", "c", "-9223372036854775808"}, {"SET", "c", "9223372036854775807"},
            {"INCR", "c"}, {"SET", "c", "-9223372036854775808"}, {"DECR", "c"}, {"SET", "c", "01"}, {"INCR", "c"},
            {"SET", "c", " 1"}, {"INCR", "c"}, {"SET", "c", "abc"}, {"INCR", "c"}, {"INCRBY", "c2", "01"},
            {"SET", "c", "5", "EX", "100"}, {"INCR", "c"}, {"TTL", "c"},
            // APPEND, STRLEN
            {"APPEND", "ap", "hello"}, {"APPEND", "ap", " world"}, {"GET", "ap"}, {"STRLEN", "ap"}, {"STRLEN", "nope"},
            // DEL, EXISTS, TYPE
            {"DEL", "a", "b", "nope"}, {"EXISTS", "ap", "ap", "nope"}, {"TYPE", "ap"}, {"TYPE", "nope"},
            // expiry
            {"SET", "e", "v"}, {"TTL", "e"}, {"PTTL", "e"}, {"TTL", "nope"}, {"PTTL", "nope"},
            {"EXPIRE", "e", "100"}, {"TTL", "e"}, {"EXPIRE", "e", "50", "GT"}, {"EXPIRE", "e", "200", "GT"},
            {"TTL", "e"}, {"EXPIRE", "e", "300", "LT"}, {"EXPIRE", "e", "100", "LT"}, {"TTL", "e"},
            {"EXPIRE", "e", "10", "NX"}, {"EXPIRE", "e", "10", "XX"}, {"EXPIRE", "e", "10", "NX", "XX"},
            {"EXPIRE", "e", "10", "GT", "LT"}, {"EXPIRE", "e", "10", "FOO"}, {"EXPIRE", "e", "10", "nx", "gt"},
            {"EXPIRE", "e", "x"}, {"EXPIRE", "e", "9223372036854775807"}, {"PEXPIRE", "e", "9223372036854775807"},
            {"EXPIRE", "nope", "10"}, {"PERSIST", "e"}, {"PERSIST", "e"}, {"TTL", "e"},
            {"EXPIRE", "e", "10", "XX"}, {"EXPIRE", "e", "10", "GT"}, {"EXPIRE", "e", "10", "LT"}, {"TTL", "e"},
            {"EXPIREAT", "e", String.valueOf(FUTURE_S)}, {"TTL", "e"}, {"PEXPIREAT", "e", String.valueOf(FUTURE_S * 1000)},
            {"TTL", "e"}, {"EXPIRE", "e", "-1"}, {"EXISTS", "e"}, {"SET", "e", "v"}, {"EXPIREAT", "e", "1"},
            {"EXISTS", "e"}, {"SET", "e", "v"}, {"PEXPIRE", "e", "0"}, {"EXISTS", "e"}, {"PERSIST", "nope"},
            // KEYS with a single match (order-free), SCAN argument errors
            {"FLUSHDB"}, {"SET", "only", "1"}, {"KEYS", "*"}, {"KEYS", "on?y"}, {"KEYS", "x*"},
            {"SCAN", "0"}, {"SCAN", "0", "MATCH", "o*"}, {"SCAN", "0", "COUNT", "0"}, {"SCAN", "0", "COUNT", "x"},
            {"SCAN", "x"}, {"SCAN", "0", "FOO"}, {"SCAN", "0", "MATCH"}, {"SCAN", "0", "TYPE", "string"},
            {"SCAN", "0", "TYPE", "list"}, {"SCAN", "-1x"}, {"SCAN", " 1"},
            {"DBSIZE"}, {"FLUSHDB", "ASYNC"}, {"FLUSHDB", "x"}, {"FLUSHALL"}, {"FLUSHALL", "SYNC"}, {"DBSIZE"},
            // handshakes and introspection (replies that carry ids, addresses or versions are tested elsewhere)
            {"HELLO", "4"}, {"HELLO", "x"}, {"HELLO", "3", "FOO"}, {"HELLO", "2", "AUTH", "default"},
            {"CLIENT", "SETNAME", "a b"}, {"CLIENT", "SETNAME", "ab"}, {"CLIENT", "GETNAME"}, {"CLIENT", "SETNAME", ""},
            {"CLIENT", "GETNAME"}, {"CLIENT", "NO-EVICT", "on"}, {"CLIENT", "NO-EVICT", "x"}, {"CLIENT", "FOO"},
            {"CLIENT"}, {"CLIENT", "KILL", "1.2.3.4:5"}, {"CLIENT", "KILL", "ID", "99999"}, {"CLIENT", "KILL", "ID", "x"},
            {"CLIENT", "KILL", "ID", "1", "2"}, {"CLIENT", "KILL", "SKIPME", "x"}, {"CLIENT", "LIST", "TYPE", "x"},
            {"CLIENT", "LIST", "FOO"}, {"CLIENT", "ID", "x"}, {"CLIENT", "GETNAME", "x"}, {"CLIENT", "LIST", "ID", "99999"},
            {"CONFIG", "GET", "save"}, {"CONFIG", "GET", "appendonly"}, {"CONFIG", "GET", "nosuch"}, {"CONFIG", "GET"},
            {"CONFIG", "SET", "nosuch", "1"}, {"CONFIG", "SET", "timeout", "x"}, {"CONFIG", "SET", "timeout", "-1"},
            {"CONFIG", "SET", "timeout", "0"}, {"CONFIG", "GET", "timeout"}, {"CONFIG", "SET", "maxclients", "x"},
            {"CONFIG", "SET", "maxclients", "0"}, {"CONFIG", "FOO"}, {"CONFIG", "RESETSTAT", "x"}, {"CONFIG", "RESETSTAT"},
            {"COMMAND", "FOO"}, {"COMMAND", "COUNT", "x"}, {"COMMAND", "DOCS", "nosuch"}, {"COMMAND", "INFO", "nosuch"},
            {"RESET"}, {"INFO", "nosuch"},
            // found in review
            {"SHUTDOWN", "NOSAVE", "SAVE"}, {"SHUTDOWN", "ABORT", "x"}, {"CONFIG", "SET", "timeout", "5", "timeout", "6"},
            {"CONFIG", "SET", "timeout", "5", "foo", "1"}, {"CONFIG", "GET", "timeout"}, {"CLIENT", "LIST", "TYPE", "master"},
            {"CLIENT", "LIST", "ID", "x"}, {"CLIENT", "LIST", "TYPE", "FOO"}, {"CLIENT", "LIST", "TYPE", "normal", "ID", "1"},
            {"FLUSHALL"}, {"SCAN", "0", "COUNT", "9223372036854775807"}, {"CONFIG", "HELP"}, {"PUBSUB", "HELP"},
            {"ECHO", "done"},
    };

    @Test
    void everyCaseAnswersLikeRedis() throws Exception {
        List<String> mismatches = new ArrayList<>();
        long startedNanos = System.nanoTime();
        try (RawClient real = redis.connect(); RawClient mine = new RawClient(ours.port())) {
            real.call("FLUSHALL");
            mine.call("FLUSHALL");
            for (String[] command : CASES) {
                if (readsRemainingTime(command)) {
                    TtlReading redisReading = TtlReading.take(real, command);
                    TtlReading ourReading = TtlReading.take(mine, command);
                    long slackMillis = 2 * TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos) + 2;
                    String problem = ttlProblem(redisReading, ourReading, slackMillis);
                    if (problem != null) {
                        mismatches.add(String.join(" ", command) + ": " + problem + "\n    redis: " + redisReading
                                + "\n    ours:  " + ourReading);
                    }
                    continue;
                }
                String expected = real.call(command);
                String actual = mine.call(command);
                if (!expected.equals(actual)) {
                    mismatches.add(String.join(" ", command) + "\n    redis: " + printable(expected)
                            + "\n    ours:  " + printable(actual));
                }
            }
        }
        assertThat(mismatches).as("replies that differ from redis-server").isEmpty();
    }

    private static boolean readsRemainingTime(String[] command) {
        return command.length == 2 && (command[0].equalsIgnoreCase("TTL") || command[0].equalsIgnoreCase("PTTL"));
    }

    /** A TTL or PTTL reply from one server, with the key's PTTL read just before and just after it. */
    private record TtlReading(boolean seconds, long before, String reply, long after) {
        static TtlReading take(RawClient c, String[] command) throws IOException {
            long before = integer(c.call("PTTL", command[1]));
            String reply = c.call(command);
            long after = integer(c.call("PTTL", command[1]));
            return new TtlReading(command[0].equalsIgnoreCase("TTL"), before, reply, after);
        }

        /** Redis's own conversion of a PTTL reading to what this command replies (ttlGenericCommand). */
        long asReply(long pttl) {
            return pttl < 0 || !seconds ? pttl : (pttl + 500) / 1000;
        }

        /** What state the key was in: -2 no key, -1 no expiry, 0 a deadline. */
        long state() {
            return Math.min(before, 0);
        }

        /** Null if the reply is one this server could give for some moment between the two PTTL readings. */
        String inconsistency() {
            if (!reply.matches(":-?\\d+\r\n")) return "not an integer reply";
            long value = integer(reply);
            if (before < 0 && after != before) return "the key changed state between readings";
            if (before < 0) return value == before ? null : "expected " + before;
            long low = after == -2 ? -2 : asReply(after);
            if (after < -2 || after == -1 || after > before) return "the key gained time between readings";
            boolean ok = after == -2 ? value == -2 || (value >= 0 && value <= asReply(before))
                    : value >= low && value <= asReply(before);
            return ok ? null : "expected between " + low + " and " + asReply(before);
        }

        @Override
        public String toString() {
            return "PTTL " + before + ", then " + printable(reply) + ", then PTTL " + after;
        }
    }

    private static long integer(String reply) {
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    // Null if the two readings agree by the rule in the class comment, otherwise what is wrong.
    private static String ttlProblem(TtlReading redis, TtlReading ours, long slackMillis) {
        String redisProblem = redis.inconsistency();
        if (redisProblem != null) return "redis-server breaks the rule this test holds both servers to: " + redisProblem;
        String ourProblem = ours.inconsistency();
        if (ourProblem != null) return ourProblem;
        if (redis.state() != ours.state()) return "the key is in a different state";
        if (redis.state() == 0 && Math.abs(redis.before() - ours.before()) > slackMillis) {
            return "remaining times differ by more than the " + slackMillis + " ms the test has been running, twice over";
        }
        return null;
    }

    private static final String[] RAW_CASES = {
            "PING\r\n", "\r\n\r\nECHO \"a\\x41b\" x\r\nPING\r\n", "ECHO 'a\\'b'\r\n", "SET a \"b\r\n",
            "*1\r\n$4\r\nPINGxxPING\r\n", "*0\r\n*-3\r\nPING\r\n", "*01\r\n", "*1\r\n$-1\r\n", "*1\r\n+4\r\n",
            "*2147483648\r\n", "*1\r\n$536870913\r\n", "*3\r\n$6\r\nNOSUCH\r\n$3\r\na\0b\r\n$1\r\nc\r\n",
            // pub/sub frames on one connection (one channel at a time: Redis's own order for several is its hash order)
            "SUBSCRIBE a a\r\nPING\r\nPING hi\r\nGET x\r\nSET\r\nUNSUBSCRIBE\r\nUNSUBSCRIBE\r\nPUNSUBSCRIBE\r\n",
            "PSUBSCRIBE n* n*\r\nPUNSUBSCRIBE x\r\nSUBSCRIBE c\r\nUNSUBSCRIBE c d\r\nPUNSUBSCRIBE\r\nSUBSCRIBE\r\n",
            "PUBSUB NUMPAT\r\nPUBSUB FOO\r\nPUBSUB\r\nPUBSUB NUMSUB\r\nPUBSUB CHANNELS\r\nPUBSUB CHANNELS a b\r\n",
            "PUBLISH a\r\nPUBLISH a b\r\nPUBSUB NUMSUB a b\r\nPUBSUB NUMPAT x\r\nPUBSUB HELP\r\npubsub numsub\r\n",
            "SUBSCRIBE a\r\nQUIT\r\n", "UNSUBSCRIBE\r\nPUNSUBSCRIBE\r\nQUIT\r\n",
            "POST / HTTP/1.1\r\nHost: x\r\n\r\n", "*1\r\n\r\n",
            "SUBSCRIBE a\r\nCLIENT ID\r\nCOMMAND\r\nPUBSUB NUMSUB\r\nCONFIG GET x\r\nCLIENT FOO\r\nUNSUBSCRIBE\r\n",
    };

    @Test
    void rawInputAnswersLikeRedis() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (String raw : RAW_CASES) {
            String expected = exchange(redis.port(), raw);
            String actual = exchange(ours.port(), raw);
            if (!expected.equals(actual)) {
                mismatches.add(printable(raw) + "\n    redis: " + printable(expected) + "\n    ours:  " + printable(actual));
            }
        }
        assertThat(mismatches).as("raw exchanges that differ from redis-server").isEmpty();
    }

    // Sends raw bytes followed by a PING barrier, then reads replies until the PONG or the server closing.
    private static String exchange(int port, String raw) throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.send(raw);
            c.send(RawClient.encode("ECHO", "barrier-7f3a"));
            StringBuilder replies = new StringBuilder();
            while (true) {
                String reply;
                try {
                    reply = c.readReply();
                } catch (java.net.SocketTimeoutException silent) {
                    return replies.append("<no reply within the timeout>").toString();
                } catch (java.io.IOException closed) {
                    return replies.append("<closed>").toString();
                }
                if (reply.equals("$12\r\nbarrier-7f3a\r\n")) return replies.toString();
                replies.append(reply);
            }
        }
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
