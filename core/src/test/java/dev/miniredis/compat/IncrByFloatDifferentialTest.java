package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * INCRBYFLOAT against a real redis-server: Redis adds in C's 80-bit long double and prints with {@code %.17Lf}, so
 * the digits of every reply are the test. Seeded random operands (small, huge, negative, exponents, long fractions,
 * integers, bad input), on keys that also take SET, APPEND, TTL-keeping EXPIRE and the wrong type.
 */
@Timeout(120)
class IncrByFloatDifferentialTest {
    private static String number(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> String.valueOf(r.nextInt(2000) - 1000);
            case 1 -> String.valueOf(r.nextDouble() * 100);
            case 2 -> String.valueOf(-r.nextDouble());
            case 3 -> r.nextInt(10) + "e" + (r.nextInt(40) - 20);
            case 4 -> "0." + r.nextInt(1000);
            case 5 -> String.valueOf(r.nextLong());
            case 6 -> "1e" + (300 + r.nextInt(120));
            case 7 -> new String[] {"inf", "-inf", "nan", "abc", "", " 1", "1 ", "0x10", "1e", "--1"}[r.nextInt(10)];
            case 8 -> "3.0000000000000000001";
            case 9 -> String.valueOf(r.nextFloat());
            case 10 -> "-0";
            default -> String.valueOf(r.nextInt(10));
        };
    }

    private static String[] command(Random r) {
        String key = "k" + r.nextInt(3);
        return switch (r.nextInt(10)) {
            case 0 -> new String[] {"SET", key, number(r)};
            case 1 -> new String[] {"GET", key};
            case 2 -> new String[] {"APPEND", key, String.valueOf(r.nextInt(10))};
            case 3 -> new String[] {"EXPIRE", key, "1000"};
            case 4 -> new String[] {"PERSIST", key};
            case 5 -> new String[] {"LPUSH", "list", "x"};
            case 6 -> new String[] {"INCRBYFLOAT", "list", "1"};
            case 7 -> new String[] {"INCRBYFLOAT", key};
            default -> new String[] {"INCRBYFLOAT", key, number(r)};
        };
    }

    @Test
    void incrByFloatAnswersAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            d.run(Differential.seed(), 5_000, IncrByFloatDifferentialTest::command);
        }
    }
}
