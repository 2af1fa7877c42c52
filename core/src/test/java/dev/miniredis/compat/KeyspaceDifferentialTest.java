package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The keyspace commands that work on keys whatever they hold, and the numbered databases, against a real
 * redis-server: SELECT, MOVE, SWAPDB, FLUSHDB, FLUSHALL, DBSIZE, RENAME, RENAMENX, TOUCH, UNLINK, EXPIRETIME,
 * PEXPIRETIME, COPY, RANDOMKEY (on databases of at most one key, where its answer is not random), seeded, RESP2 and RESP3.
 * Deadlines are absolute times far in the future (EXPIREAT), so EXPIRETIME's answers do not depend on when the test runs.
 */
@Timeout(120)
class KeyspaceDifferentialTest {
    private static final String[] DBS = {"0", "1", "2", "15", "16", "-1", "x", "99999999999", "1.5", ""};

    private static String key(Random r) {
        return "k" + r.nextInt(4);
    }

    private static String[] command(Random r) {
        return switch (r.nextInt(37)) {
            // Hashes and sorted sets, small (packed) and big (past the limits the test lowers): COPY, RENAME and MOVE of
            // both forms; HLEN and ZCARD after HDEL and ZPOPMIN show that copies are independent.
            case 33 -> new String[] {"HSET", key(r), "f" + r.nextInt(r.nextBoolean() ? 3 : 40), "v"};
            case 34 -> r.nextBoolean() ? new String[] {"HDEL", key(r), "f" + r.nextInt(3)} : new String[] {"HLEN", key(r)};
            case 35 -> new String[] {"ZADD", key(r), String.valueOf(r.nextInt(9)), "m" + r.nextInt(r.nextBoolean() ? 3 : 40)};
            case 36 -> r.nextBoolean() ? new String[] {"ZPOPMIN", key(r)} : new String[] {"ZRANGE", key(r), "0", "2", "WITHSCORES"};
            // Sets (intsets packed in the record, others on the heap: COPY copies both kinds deeply).
            case 30 -> new String[] {"SADD", key(r), r.nextBoolean() ? String.valueOf(r.nextInt(5)) : "m" + r.nextInt(5)};
            case 31 -> new String[] {"SCARD", key(r)};
            case 32 -> new String[] {"SREM", key(r), String.valueOf(r.nextInt(5)), "m" + r.nextInt(5)};
            // Lists, so that RENAME, MOVE, COPY and SWAPDB carry collections too (small and big: past 8 KB a list
            // lives on the heap, and COPY must copy it deeply: the LPOPs then show the two are independent).
            case 24 -> new String[] {"RPUSH", key(r), "e" + r.nextInt(10), "x".repeat(r.nextInt(3) * 3000)};
            case 25 -> new String[] {"LRANGE", key(r), "0", "3"};
            case 26 -> new String[] {"LPOP", key(r)};
            case 27, 28 -> r.nextInt(4) == 0
                    ? new String[] {"COPY", key(r), key(r), "DB", DBS[r.nextInt(r.nextInt(5) == 0 ? DBS.length : 4)],
                            r.nextBoolean() ? "REPLACE" : "DB"}
                    : r.nextBoolean() ? new String[] {"COPY", key(r), key(r)} : new String[] {"COPY", key(r), key(r), "REPLACE"};
            case 29 -> new String[] {"LLEN", key(r)};
            case 0, 1 -> new String[] {"SET", key(r), "v" + r.nextInt(100)};
            case 2 -> new String[] {"SELECT", DBS[r.nextInt(r.nextInt(5) == 0 ? DBS.length : 4)]};
            case 3 -> new String[] {"MOVE", key(r), DBS[r.nextInt(r.nextInt(5) == 0 ? DBS.length : 4)]};
            case 4 -> new String[] {"SWAPDB", DBS[r.nextInt(r.nextInt(5) == 0 ? DBS.length : 4)],
                    DBS[r.nextInt(r.nextInt(5) == 0 ? DBS.length : 4)]};
            case 5 -> new String[] {"DBSIZE"};
            case 6 -> new String[] {r.nextBoolean() ? "RENAME" : "RENAMENX", key(r), key(r)};
            case 7 -> new String[] {"TOUCH", key(r), key(r)};
            case 8 -> new String[] {"UNLINK", key(r), key(r)};
            case 9 -> new String[] {r.nextBoolean() ? "EXPIRETIME" : "PEXPIRETIME", key(r)};
            case 10 -> new String[] {"EXPIREAT", key(r), String.valueOf(4_000_000_000L + r.nextInt(1000))};
            case 11 -> new String[] {"PEXPIREAT", key(r), String.valueOf(4_000_000_000_000L + r.nextInt(100_000))};
            case 12 -> new String[] {"GET", key(r)};
            case 13 -> new String[] {"EXISTS", key(r), key(r)};
            case 14 -> new String[] {"PERSIST", key(r)};
            case 15 -> new String[] {"INCR", key(r)};
            case 16 -> new String[] {"TYPE", key(r)};
            case 17 -> r.nextInt(10) == 0 ? new String[] {r.nextBoolean() ? "FLUSHDB" : "FLUSHALL"}
                    : new String[] {"DEL", key(r)};
            case 18 -> new String[] {"RENAME", key(r)};                      // wrong arity
            case 19 -> new String[] {"MOVE", key(r)};
            case 20 -> new String[] {"SWAPDB", "0"};
            case 21 -> new String[] {"OBJECT", "ENCODING", key(r)};
            case 22 -> new String[] {"TTL", "missing"};
            // (Not APPEND: Redis makes an appended string "raw" whatever its length, a history OBJECT ENCODING does
            // not keep yet.)
            default -> new String[] {"STRLEN", key(r)};
        };
    }

    @Test
    void keyspaceCommandsAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            d.both("CONFIG", "SET", "hash-max-listpack-entries", "16");
            d.both("CONFIG", "SET", "zset-max-listpack-entries", "16");
            d.run(Differential.seed(), 4_000, KeyspaceDifferentialTest::command);
        }
    }

    @Test
    void randomKeyOnDatabasesOfAtMostOneKey() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            d.both("FLUSHALL");
            d.both("RANDOMKEY");
            d.both("SET", "only", "1");
            d.both("RANDOMKEY");
            d.both("RANDOMKEY", "extra");
            d.both("SELECT", "3");
            d.both("RANDOMKEY");
            d.both("SWAPDB", "0", "3");
            d.both("RANDOMKEY");
            d.both("DBSIZE");
            d.both("SELECT", "0");
            d.both("DBSIZE");
        }
    }
}
