package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The list commands against a real redis-server, seeded and random, RESP2 and RESP3 (see {@link Differential}): every
 * list command with edge arguments (negative and out-of-range indexes, extreme and non-numeric counts, options in any
 * case and order), mixed with string and keyspace commands on the same few keys so that WRONGTYPE, deletion of
 * emptied lists and re-creation happen all the time; elements empty, short, over 64 bytes and over 127 (a two-byte
 * length); bursts of pushes that take lists past one node, and {@code list-max-listpack-size} changed now and then, so
 * that lists convert from packed to QuickList under every node limit.
 */
@Timeout(120)
class ListDifferentialTest {
    private static final String[] KEYS = {"l0", "l1", "l2", "s"};
    private static final String[] LIMITS = {"-2", "-1", "1", "2", "3", "5", "16", "-2", "0", "-5"};
    private static final String[] NUMBERS = {"0", "1", "-1", "2", "-2", "3", "5", "-5", "10", "-10", "100", "-100",
            "9223372036854775807", "-9223372036854775808", "abc", "", "1.5", "+3", " 1", "99999999999999999999"};

    private static String key(Random r) {
        return KEYS[r.nextInt(KEYS.length)];
    }

    private static String element(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "x".repeat(65 + r.nextInt(10));
            case 2 -> "y".repeat(128 + r.nextInt(300));
            case 3 -> String.valueOf(r.nextInt(1000));
            case 4 -> "z".repeat(r.nextInt(30));
            case 5 -> r.nextInt(20) == 0 ? "w".repeat(9000) : "b";    // bigger than a node
            default -> String.valueOf((char) ('a' + r.nextInt(4)));
        };
    }

    private static String number(Random r) {
        return r.nextInt(3) == 0 ? NUMBERS[r.nextInt(NUMBERS.length)] : String.valueOf(r.nextInt(24) - 12);
    }

    private static String side(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> "Left";
            case 1 -> "middle";
            default -> r.nextBoolean() ? "LEFT" : "right";
        };
    }

    private static String[] push(Random r, String name) {
        List<String> c = new ArrayList<>(List.of(name, key(r)));
        int n = r.nextInt(8) == 0 ? 20 + r.nextInt(200) : 1 + r.nextInt(4); // sometimes a burst: past one node
        for (int i = 0; i < n; i++) c.add(element(r));
        return c.toArray(String[]::new);
    }

    private static String[] lpos(Random r) {
        List<String> c = new ArrayList<>(List.of("LPOS", key(r), element(r)));
        int options = r.nextInt(4);
        for (int i = 0; i < options; i++) {
            switch (r.nextInt(7)) {
                case 0, 1 -> c.addAll(List.of(r.nextBoolean() ? "RANK" : "rank", number(r)));
                case 2, 3 -> c.addAll(List.of("COUNT", r.nextBoolean() ? number(r) : "0"));
                case 4, 5 -> c.addAll(List.of("maxlen", number(r)));
                default -> c.add(r.nextBoolean() ? "RANK" : "first");
            }
        }
        return c.toArray(String[]::new);
    }

    private static String[] lmpop(Random r) {
        List<String> c = new ArrayList<>(List.of("LMPOP"));
        int n = 1 + r.nextInt(3);
        c.add(r.nextInt(10) == 0 ? number(r) : String.valueOf(n));
        for (int i = 0; i < n; i++) c.add(r.nextInt(4) == 0 ? "nokey" + i : key(r));
        c.add(side(r));
        if (r.nextBoolean()) c.addAll(List.of(r.nextBoolean() ? "COUNT" : "count", number(r)));
        if (r.nextInt(20) == 0) c.addAll(List.of("COUNT", "1"));
        return c.toArray(String[]::new);
    }

    private static String[] command(Random r) {
        String k = key(r);
        return switch (r.nextInt(40)) {
            case 0, 1, 2 -> push(r, "RPUSH");
            case 3, 4, 5 -> push(r, "LPUSH");
            case 6 -> push(r, "LPUSHX");
            case 7 -> push(r, "RPUSHX");
            case 8, 9 -> new String[] {"LPOP", k};
            case 10, 11 -> new String[] {"RPOP", k};
            case 12 -> new String[] {r.nextBoolean() ? "LPOP" : "RPOP", k, number(r)};
            case 13 -> new String[] {"LLEN", k};
            case 14, 15, 16 -> new String[] {"LRANGE", k, number(r), number(r)};
            case 17 -> new String[] {"LRANGE", k, "0", "-1"};
            case 18, 19 -> new String[] {"LINDEX", k, number(r)};
            case 20 -> new String[] {"LSET", k, number(r), element(r)};
            case 21 -> new String[] {"LINSERT", k, r.nextInt(8) == 0 ? "around" : r.nextBoolean() ? "BEFORE" : "after",
                    element(r), element(r)};
            case 22 -> new String[] {"LREM", k, number(r), element(r)};
            case 23 -> new String[] {"LTRIM", k, number(r), number(r)};
            case 24, 25 -> lpos(r);
            case 26 -> new String[] {"LMOVE", k, key(r), side(r), side(r)};
            case 27 -> new String[] {"RPOPLPUSH", k, r.nextBoolean() ? k : key(r)};
            case 28 -> lmpop(r);
            case 29 -> new String[] {"SET", k, element(r)};
            case 30 -> new String[] {"GET", k};
            case 31 -> new String[] {"DEL", k};
            case 32 -> new String[] {"TYPE", k};
            case 33 -> new String[] {"OBJECT", "ENCODING", k};
            case 34 -> new String[] {"EXISTS", k};
            case 35 -> switch (r.nextInt(5)) {                 // a deadline kept by list writes; 0 deletes at once
                case 0 -> new String[] {"EXPIRE", k, "0"};
                case 1, 2 -> new String[] {"EXPIRE", k, "1000"};
                default -> new String[] {"PERSIST", k};
            };
            case 36 -> new String[] {"CONFIG", "SET", "list-max-listpack-size", LIMITS[r.nextInt(LIMITS.length)]};
            case 37 -> new String[] {"LPOS", k, element(r), "RANK", r.nextBoolean() ? "-1" : "2", "COUNT", "0"};
            case 38 -> new String[] {r.nextBoolean() ? "LPOP" : "RPOP", k, "3", r.nextInt(4) == 0 ? "x" : "4"};
            default -> new String[] {"LRANGE", k, "-" + (1 + r.nextInt(300)), String.valueOf(r.nextInt(300))};
        };
    }

    @Test
    void listCommandsAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            long seed = Differential.seed();
            d.run(seed, 40_000, ListDifferentialTest::command);
        }
    }

    @Test
    void longListsConvertAndStayExact() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            // Thousands of elements across many nodes, then the reading and editing commands over them.
            d.both("CONFIG", "SET", "list-max-listpack-size", "4");
            for (int i = 0; i < 50; i++) {
                String[] c = new String[102];
                c[0] = i % 2 == 0 ? "RPUSH" : "LPUSH";
                c[1] = "big";
                for (int j = 0; j < 100; j++) c[j + 2] = (i * 100 + j) % 7 == 0 ? "m" : String.valueOf(i * 100 + j);
                d.both(c);
            }
            d.both("OBJECT", "ENCODING", "big");
            long seed = Differential.seed();
            d.run(seed, 3_000, r -> switch (r.nextInt(10)) {
                case 0 -> new String[] {"LINDEX", "big", String.valueOf(r.nextInt(12000) - 6000)};
                case 1 -> new String[] {"LRANGE", "big", String.valueOf(r.nextInt(6000) - 3000),
                        String.valueOf(r.nextInt(6000) - 3000)};
                case 2 -> new String[] {"LPOS", "big", "m", "RANK", String.valueOf(r.nextInt(20) - 10), "COUNT",
                        String.valueOf(r.nextInt(5)), "MAXLEN", String.valueOf(r.nextInt(3000))};
                case 3 -> new String[] {"LINSERT", "big", r.nextBoolean() ? "BEFORE" : "AFTER",
                        String.valueOf(r.nextInt(5000)), element(r)};
                case 4 -> new String[] {"LSET", "big", String.valueOf(r.nextInt(6000) - 3000), element(r)};
                case 5 -> new String[] {"LREM", "big", String.valueOf(r.nextInt(7) - 3), r.nextBoolean() ? "m" : "a"};
                case 6 -> new String[] {r.nextBoolean() ? "LPOP" : "RPOP", "big", String.valueOf(r.nextInt(5))};
                case 7 -> new String[] {"LMOVE", "big", "big", side(r), side(r)};
                case 8 -> new String[] {"LLEN", "big"};
                default -> new String[] {"RPUSH", "big", element(r), element(r)};
            });
            d.both("LTRIM", "big", "100", "-100");
            d.both("LRANGE", "big", "0", "-1");
            d.both("CONFIG", "SET", "list-max-listpack-size", "-2");
        }
    }
}
