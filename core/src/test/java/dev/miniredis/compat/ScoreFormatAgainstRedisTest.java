package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scores in and out, against a real redis-server: many seeded random doubles (any bit pattern, integers, tiny, huge,
 * negative, powers of ten around the switch between fixed and scientific notation, denormals, -0.0) written in several
 * spellings with ZADD and read back with ZSCORE, ZRANGE WITHSCORES and ZINCRBY, RESP2 and RESP3. It checks the
 * {@code strtod} parse and the {@code %.17g} format ({@code Numbers.formatDouble17g}) together, byte for byte.
 */
@Timeout(120)
class ScoreFormatAgainstRedisTest {
    static double randomDouble(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> {
                double d = Double.longBitsToDouble(r.nextLong());
                yield Double.isNaN(d) ? 1 : d;
            }
            case 1 -> r.nextInt(2_000_001) - 1_000_000;
            case 2 -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextInt(40) - 20);
            case 3 -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextInt(6) + 14) * (1 + r.nextInt(9));
            case 4 -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, -r.nextInt(8)) * (1 + r.nextInt(99));
            case 5 -> Double.MIN_VALUE * (1 + r.nextInt(1000));
            case 6 -> r.nextBoolean() ? -0.0 : 0.0;
            case 7 -> (double) r.nextLong();
            case 8 -> r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
            default -> r.nextDouble();
        };
    }

    static String spelling(Random r, double d) {
        return switch (r.nextInt(4)) {
            case 0 -> String.format("%.25e", d);
            case 1 -> String.format("%.20f", d);
            default -> Double.toString(d);
        };
    }

    static String[] generate(Random r) {
        String key = r.nextBoolean() ? "packed" : "skiplist";
        double d = randomDouble(r);
        String m = "m" + r.nextInt(20);
        return switch (r.nextInt(5)) {
            case 0, 1 -> new String[] {"ZADD", key, spelling(r, d), m};
            case 2 -> new String[] {"ZSCORE", key, m};
            case 3 -> new String[] {"ZINCRBY", key, spelling(r, d), m};
            default -> new String[] {"ZRANGE", key, "0", "-1", "WITHSCORES"};
        };
    }

    @Test
    void scoresParseAndPrintAsInRedis() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            // One set stays packed, one is a skip list from its first member (negative zero survives there).
            d.both("CONFIG", "SET", "zset-max-listpack-value", "20");
            List<String> first = new ArrayList<>(List.of("ZADD", "skiplist", "0", "x".repeat(30)));
            d.both(first.toArray(new String[0]));
            d.both("OBJECT", "ENCODING", "skiplist");
            d.run(Differential.seed(), 20_000, ScoreFormatAgainstRedisTest::generate);
        }
    }
}
