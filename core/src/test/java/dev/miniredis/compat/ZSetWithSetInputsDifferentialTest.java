package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Plain sets as inputs of ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (every member scored 1, intsets and
 * hashtable sets alike), against a real redis-server, seeded, RESP2 and RESP3. The results are sorted sets, so their
 * order is defined and the bytes must match.
 */
@Timeout(120)
class ZSetWithSetInputsDifferentialTest {
    private static final String[] KEYS = {"s1", "s2", "z1", "z2", "str"};

    private static String key(Random r) {
        return KEYS[r.nextInt(KEYS.length)];
    }

    private static String member(Random r) {
        return r.nextBoolean() ? String.valueOf(r.nextInt(8)) : "m" + r.nextInt(8);
    }

    private static String[] command(Random r) {
        String op = new String[] {"ZUNION", "ZINTER", "ZDIFF"}[r.nextInt(3)];
        return switch (r.nextInt(10)) {
            case 0 -> new String[] {"SADD", r.nextBoolean() ? "s1" : "s2", member(r), member(r)};
            case 1 -> new String[] {"SREM", r.nextBoolean() ? "s1" : "s2", member(r)};
            case 2 -> new String[] {"ZADD", r.nextBoolean() ? "z1" : "z2", String.valueOf(r.nextInt(5) - 2), member(r)};
            case 3 -> new String[] {op, "2", key(r), key(r), "WITHSCORES"};
            case 4 -> new String[] {op, "3", key(r), key(r), key(r)};
            case 5 -> op.equals("ZDIFF") ? new String[] {"ZDIFF", "2", key(r), key(r)}
                    : new String[] {op, "2", key(r), key(r), "WEIGHTS", "2", "-1", "AGGREGATE",
                            new String[] {"SUM", "MIN", "MAX"}[r.nextInt(3)], "WITHSCORES"};
            case 6 -> new String[] {op + "STORE", "dst", "2", key(r), key(r)};
            case 7 -> new String[] {"ZRANGE", "dst", "0", "-1", "WITHSCORES"};
            case 8 -> new String[] {"ZINTERCARD", "2", key(r), key(r)};
            default -> new String[] {"OBJECT", "ENCODING", "dst"};
        };
    }

    @Test
    void setsCountAsSortedSetsWithScoreOne() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            d.both("SET", "str", "x");
            d.run(Differential.seed(), 3_000, ZSetWithSetInputsDifferentialTest::command);
        }
    }
}
