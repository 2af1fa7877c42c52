package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keyspace notifications against a real redis-server: the event names, channels and order of every command, seeded
 * and random, with every class enabled (and new-key and key-miss events too). See {@link NotificationDifferential}.
 */
@Timeout(120)
class NotificationDifferentialTest {
    private static String key(Random r) {
        return "k" + r.nextInt(4);
    }

    static String[] generic(Random r) {
        return switch (r.nextInt(21)) {
            case 0 -> new String[] {"DEL", key(r), key(r)};
            case 1 -> new String[] {"UNLINK", key(r)};
            case 2 -> new String[] {"EXPIRE", key(r), r.nextBoolean() ? "100" : "-1"};
            case 3 -> new String[] {"PEXPIREAT", key(r), "4000000000000"};
            case 4 -> new String[] {"PERSIST", key(r)};
            case 5 -> new String[] {"RENAME", key(r), key(r)};
            case 6 -> new String[] {"RENAMENX", key(r), key(r)};
            case 7 -> new String[] {"MOVE", key(r), "1"};
            case 8 -> new String[] {"COPY", key(r), key(r), "REPLACE"};
            case 9 -> new String[] {"COPY", key(r), key(r), "DB", "1"};
            case 10 -> new String[] {"SELECT", String.valueOf(r.nextInt(2))};
            case 11 -> new String[] {"EXISTS", key(r)};
            case 12 -> new String[] {"TYPE", key(r)};
            case 13 -> new String[] {"TOUCH", key(r)};
            case 14 -> new String[] {"TOUCH", key(r), key(r)}; // (not EXPIRETIME: relative deadlines differ by the ms between the servers)
            case 15 -> new String[] {"SWAPDB", "0", "1"};
            case 16 -> new String[] {"FLUSHDB"};
            case 17 -> new String[] {"OBJECT", "FREQ", key(r)}; // counted in INFO, but publishes no "keymiss"
            default -> new String[] {"SET", key(r), "v" + r.nextInt(10)};
        };
    }

    static String[] strings(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> new String[] {"SET", key(r), "v", "EX", "100"};
            case 1 -> new String[] {"SET", key(r), "v", "KEEPTTL", "GET"};
            case 2 -> new String[] {"SET", key(r), "v", r.nextBoolean() ? "NX" : "XX"};
            case 3 -> new String[] {"SETNX", key(r), "v"};
            case 4 -> new String[] {"GETDEL", key(r)};
            case 5 -> new String[] {"GETEX", key(r), r.nextBoolean() ? "PERSIST" : "EX", "100"};
            case 6 -> new String[] {"MSET", key(r), "1", key(r), "2"};
            case 7 -> new String[] {"INCR", key(r)};
            case 8 -> new String[] {"DECRBY", key(r), "3"};
            case 9 -> new String[] {"APPEND", key(r), "x"};
            case 10 -> new String[] {"GET", key(r)};
            case 11 -> new String[] {"MGET", key(r), key(r)};
            case 12 -> new String[] {"STRLEN", key(r)};
            default -> new String[] {"GETEX", key(r)};
        };
    }

    static String[] lists(Random r) {
        return switch (r.nextInt(20)) {
            // The blocking forms, on keys that exist (they pop at once) or not (a 10 ms timeout: no event).
            case 16 -> new String[] {r.nextBoolean() ? "BLPOP" : "BRPOP", key(r), key(r), "0.01"};
            case 17 -> new String[] {"BLMOVE", key(r), key(r), "RIGHT", "LEFT", "0.01"};
            case 18 -> new String[] {"BLMPOP", "0.01", "2", key(r), key(r), "LEFT", "COUNT", "2"};
            case 19 -> new String[] {"BRPOPLPUSH", key(r), key(r), "0.01"};
            case 0 -> new String[] {"LPUSH", key(r), "a", "b"};
            case 1 -> new String[] {"RPUSH", key(r), "c"};
            case 2 -> new String[] {"LPUSHX", key(r), "d"};
            case 3 -> new String[] {"RPUSHX", key(r), "e"};
            case 4 -> new String[] {"LPOP", key(r)};
            case 5 -> new String[] {"RPOP", key(r), "2"};
            case 6 -> new String[] {"LSET", key(r), "0", "z"};
            case 7 -> new String[] {"LINSERT", key(r), "BEFORE", "a", "y"};
            case 8 -> new String[] {"LREM", key(r), "0", "a"};
            case 9 -> new String[] {"LTRIM", key(r), "1", "-1"};
            case 10 -> new String[] {"LMOVE", key(r), key(r), "LEFT", "RIGHT"};
            case 11 -> new String[] {"RPOPLPUSH", key(r), key(r)};
            case 12 -> new String[] {"LMPOP", "2", key(r), key(r), "LEFT", "COUNT", "2"};
            case 13 -> new String[] {"LRANGE", key(r), "0", "-1"};
            case 14 -> new String[] {"LINDEX", key(r), "0"};
            default -> new String[] {"LLEN", key(r)};
        };
    }

    private static String member(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "a";
            case 1 -> "b";
            case 2 -> "c";
            case 3 -> "1";
            default -> "2";
        };
    }

    private static String score(Random r) {
        return String.valueOf(r.nextInt(5) - 1);
    }

    // SETEX and friends, the bit commands, and their reads (which publish "keymiss").
    static String[] moreStrings(Random r) {
        return switch (r.nextInt(22)) {
            case 0 -> new String[] {"SETEX", key(r), "100", "v"};
            case 1 -> new String[] {"PSETEX", key(r), "100000", "w"};
            case 2 -> new String[] {"GETSET", key(r), "g" + r.nextInt(3)};
            case 3 -> new String[] {"SETRANGE", key(r), String.valueOf(r.nextInt(4)), r.nextBoolean() ? "xy" : ""};
            case 4 -> new String[] {"MSETNX", key(r), "1", key(r), "2"};
            case 5 -> new String[] {"SETBIT", key(r), String.valueOf(r.nextInt(20)), String.valueOf(r.nextInt(2))};
            case 6 -> new String[] {"BITOP", r.nextBoolean() ? "AND" : "OR", key(r), key(r), key(r)};
            case 7 -> new String[] {"BITOP", "NOT", key(r), key(r)};
            case 8 -> new String[] {"BITFIELD", key(r), "SET", "u8", String.valueOf(r.nextInt(3) * 8),
                String.valueOf(r.nextInt(3))};
            case 9 -> new String[] {"BITFIELD", key(r), "OVERFLOW", r.nextBoolean() ? "FAIL" : "SAT", "INCRBY", "u2",
                String.valueOf(r.nextInt(24)), String.valueOf(r.nextInt(5) - 2)};
            case 10 -> new String[] {"BITFIELD", key(r), "GET", "u4", "0"};
            case 11 -> new String[] {"BITFIELD_RO", key(r), "GET", "i8", "0"};
            case 12 -> new String[] {"GETRANGE", key(r), "0", "-1"};
            case 13 -> new String[] {"SUBSTR", key(r), "1", "2"};
            case 14 -> new String[] {"GETBIT", key(r), "3"};
            case 15 -> new String[] {"BITCOUNT", key(r)};
            case 16 -> new String[] {"BITPOS", key(r), "1"};
            case 17 -> new String[] {"LCS", key(r), key(r)};
            case 18 -> new String[] {"GET", key(r)};
            case 19 -> new String[] {"APPEND", key(r), "ab"};
            case 20 -> new String[] {"SETRANGE", key(r), "0", "z"};
            default -> new String[] {"STRLEN", key(r)};
        };
    }

    static String[] hashes(Random r) {
        return switch (r.nextInt(20)) {
            case 0, 1 -> new String[] {"HSET", key(r), member(r), "v" + r.nextInt(3), member(r), "w"};
            case 2 -> new String[] {"HMSET", key(r), member(r), "x"};
            case 3 -> new String[] {"HSETNX", key(r), member(r), "n"};
            case 4, 5 -> new String[] {"HDEL", key(r), member(r), member(r)};
            case 6 -> new String[] {"HINCRBY", key(r), member(r), String.valueOf(r.nextInt(5) - 2)};
            case 7 -> new String[] {"HINCRBYFLOAT", key(r), member(r), r.nextBoolean() ? "1.5" : "0"};
            case 8 -> new String[] {"HGET", key(r), member(r)};
            case 9 -> new String[] {"HMGET", key(r), member(r), member(r)};
            case 10 -> new String[] {"HGETALL", key(r)};
            case 11 -> new String[] {"HKEYS", key(r)};
            case 12 -> new String[] {"HVALS", key(r)};
            case 13 -> new String[] {"HLEN", key(r)};
            case 14 -> new String[] {"HSTRLEN", key(r), member(r)};
            case 15 -> new String[] {"HEXISTS", key(r), member(r)};
            case 16 -> new String[] {"HRANDFIELD", key(r)};
            case 17 -> new String[] {"HRANDFIELD", key(r), "-2"};
            case 18 -> new String[] {"HSCAN", key(r), "0"};
            default -> new String[] {"HSET", key(r), member(r), "1"};
        };
    }

    static String[] sets(Random r) {
        return switch (r.nextInt(24)) {
            case 0, 1, 2 -> new String[] {"SADD", key(r), member(r), member(r)};
            case 3, 4 -> new String[] {"SREM", key(r), member(r), member(r)};
            // Which members SPOP takes is random, so it must not leave the two servers' sets different: it pops
            // everything (a count of at least 5, the members there are) or from sets of one member ("p" and "q").
            case 5 -> new String[] {"SPOP", key(r), r.nextBoolean() ? "0" : String.valueOf(5 + r.nextInt(3))};
            case 6 -> switch (r.nextInt(5)) {
                case 0 -> new String[] {"SADD", "p", "a"};
                case 1 -> new String[] {"SADD", "q", "1"};
                case 2 -> new String[] {"SPOP", r.nextBoolean() ? "p" : "q"};
                case 3 -> new String[] {"SPOP", r.nextBoolean() ? "p" : "q", "1"};
                default -> new String[] {"SMEMBERS", r.nextBoolean() ? "p" : "q"};
            };
            case 7 -> new String[] {"SMOVE", key(r), key(r), member(r)};
            case 8 -> new String[] {"SINTERSTORE", key(r), key(r), key(r)};
            case 9 -> new String[] {"SUNIONSTORE", key(r), key(r), key(r)};
            case 10 -> new String[] {"SDIFFSTORE", key(r), key(r), key(r)};
            case 11 -> new String[] {"SINTER", key(r), key(r)};
            case 12 -> new String[] {"SUNION", key(r), key(r)};
            case 13 -> new String[] {"SDIFF", key(r), key(r)};
            case 14 -> new String[] {"SINTERCARD", "2", key(r), key(r)};
            case 15 -> new String[] {"SISMEMBER", key(r), member(r)};
            case 16 -> new String[] {"SMISMEMBER", key(r), member(r), member(r)};
            case 17 -> new String[] {"SMEMBERS", key(r)};
            case 18 -> new String[] {"SCARD", key(r)};
            case 19 -> new String[] {"SRANDMEMBER", key(r)};
            case 20 -> new String[] {"SRANDMEMBER", key(r), "-3"};
            case 21 -> new String[] {"SSCAN", key(r), "0"};
            default -> new String[] {"SADD", key(r), member(r)};
        };
    }

    static String[] zsets(Random r) {
        return switch (r.nextInt(37)) {
            case 34 -> new String[] {r.nextBoolean() ? "BZPOPMIN" : "BZPOPMAX", key(r), key(r), "0.01"};
            case 35, 36 -> new String[] {"BZMPOP", "0.01", "2", key(r), key(r), r.nextBoolean() ? "MIN" : "MAX",
                    "COUNT", "2"};
            case 0, 1, 2 -> new String[] {"ZADD", key(r), score(r), member(r), score(r), member(r)};
            case 3 -> new String[] {"ZADD", key(r), r.nextBoolean() ? "XX" : "NX", r.nextBoolean() ? "CH" : "GT",
                score(r), member(r)};
            case 4 -> new String[] {"ZADD", key(r), "INCR", score(r), member(r)};
            case 5 -> new String[] {"ZINCRBY", key(r), score(r), member(r)};
            case 6, 7 -> new String[] {"ZREM", key(r), member(r), member(r)};
            case 8 -> new String[] {"ZREMRANGEBYRANK", key(r), "0", String.valueOf(r.nextInt(3) - 1)};
            case 9 -> new String[] {"ZREMRANGEBYSCORE", key(r), "-inf", score(r)};
            case 10 -> new String[] {"ZREMRANGEBYLEX", key(r), "[a", "[b"};
            case 11 -> new String[] {r.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", key(r)};
            case 12 -> new String[] {r.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", key(r), String.valueOf(r.nextInt(4))};
            case 13 -> new String[] {"ZMPOP", "2", key(r), key(r), r.nextBoolean() ? "MIN" : "MAX", "COUNT", "2"};
            case 14 -> new String[] {"ZRANGESTORE", key(r), key(r), "0", String.valueOf(r.nextInt(3) - 1)};
            case 15 -> new String[] {"ZUNIONSTORE", key(r), "2", key(r), key(r)};
            case 16 -> new String[] {"ZINTERSTORE", key(r), "2", key(r), key(r)};
            case 17 -> new String[] {"ZDIFFSTORE", key(r), "2", key(r), key(r)};
            case 18 -> new String[] {"ZUNION", "2", key(r), key(r), "WITHSCORES"};
            case 19 -> new String[] {"ZINTER", "2", key(r), key(r)};
            case 20 -> new String[] {"ZDIFF", "2", key(r), key(r)};
            case 21 -> new String[] {"ZINTERCARD", "2", key(r), key(r)};
            case 22 -> new String[] {"ZSCORE", key(r), member(r)};
            case 23 -> new String[] {"ZMSCORE", key(r), member(r), member(r)};
            case 24 -> new String[] {"ZCARD", key(r)};
            case 25 -> new String[] {"ZCOUNT", key(r), "0", "2"};
            case 26 -> new String[] {"ZLEXCOUNT", key(r), "-", "+"};
            case 27 -> new String[] {r.nextBoolean() ? "ZRANK" : "ZREVRANK", key(r), member(r)};
            case 28 -> new String[] {"ZRANGE", key(r), "0", "-1", "WITHSCORES"};
            case 29 -> new String[] {"ZRANGEBYSCORE", key(r), "-inf", "+inf"};
            case 30 -> new String[] {"ZREVRANGEBYLEX", key(r), "+", "-"};
            case 31 -> new String[] {"ZRANDMEMBER", key(r)};
            case 32 -> new String[] {"ZSCAN", key(r), "0"};
            default -> new String[] {"ZADD", key(r), score(r), member(r)};
        };
    }

    // Several seeds per family: each run starts two fresh servers, so a few short runs cover more first-time paths.
    // Odd runs speak RESP3, where the notifications are push frames and some replies change shape.
    private static void runSeeds(String classes, int runs, int steps, java.util.function.Function<Random, String[]> g)
            throws Exception {
        long seed = Differential.seed();
        for (int i = 0; i < runs; i++) {
            try (NotificationDifferential d = new NotificationDifferential(classes, 2 + i % 2)) {
                d.run(seed + i, steps, g);
            }
        }
    }

    @Test
    void newStringCommandsNotifyAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        runSeeds("AKEnm", 3, 500, r -> switch (r.nextInt(6)) {
            case 0 -> generic(r);
            case 1 -> strings(r);
            default -> moreStrings(r);
        });
    }

    @Test
    void hashCommandsNotifyAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        runSeeds("AKEnm", 3, 500, r -> r.nextInt(5) == 0 ? generic(r) : hashes(r));
    }

    @Test
    void setCommandsNotifyAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        runSeeds("AKEnm", 3, 500, r -> r.nextInt(5) == 0 ? generic(r) : sets(r));
    }

    @Test
    void sortedSetCommandsNotifyAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        runSeeds("AKEnm", 3, 500, r -> switch (r.nextInt(8)) {
            case 0 -> generic(r);
            case 1 -> sets(r); // plain sets are inputs of the Z*STORE commands too
            default -> zsets(r);
        });
    }

    @Test
    void everyFamilyWithPartialClassSets() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        for (String classes : new String[] {"Kh", "Es", "Kz$", "Egm", "KEn", "Ez"}) {
            runSeeds(classes, 2, 150, r -> switch (r.nextInt(6)) {
                case 0 -> generic(r);
                case 1 -> moreStrings(r);
                case 2 -> hashes(r);
                case 3 -> sets(r);
                default -> zsets(r);
            });
        }
    }

    @Test
    void genericCommandsNotifyAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (NotificationDifferential d = new NotificationDifferential("AKEnm")) {
            d.run(Differential.seed(), 1_500, r -> r.nextInt(3) == 0 ? strings(r) : generic(r));
        }
    }

    @Test
    void stringCommandsNotifyAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (NotificationDifferential d = new NotificationDifferential("AKEnm")) {
            d.run(Differential.seed(), 1_500, r -> r.nextInt(4) == 0 ? generic(r) : strings(r));
        }
    }

    @Test
    void listCommandsNotifyAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (NotificationDifferential d = new NotificationDifferential("AKEnm")) {
            d.run(Differential.seed(), 1_500, r -> r.nextInt(4) == 0 ? generic(r) : lists(r));
        }
    }

    @Test
    void onlyTheEnabledClassesAndChannelsArePublished() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        for (String classes : new String[] {"K$", "El", "Kg", "Ex", "KA", "E"}) {
            try (NotificationDifferential d = new NotificationDifferential(classes)) {
                d.run(Differential.seed(), 300, r -> switch (r.nextInt(3)) {
                    case 0 -> generic(r);
                    case 1 -> strings(r);
                    default -> lists(r);
                });
            }
        }
    }
}
