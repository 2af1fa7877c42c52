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
        return switch (r.nextInt(20)) {
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
            case 14 -> new String[] {"EXPIRETIME", key(r)};
            case 15 -> new String[] {"SWAPDB", "0", "1"};
            case 16 -> new String[] {"FLUSHDB"};
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
        return switch (r.nextInt(16)) {
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
