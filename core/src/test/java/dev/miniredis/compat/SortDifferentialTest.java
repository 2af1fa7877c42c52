package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SORT and SORT_RO against a real redis-server, seeded and random, RESP2 and RESP3: lists, sets (intsets and hash
 * tables) and sorted sets (packed and skip lists) of numbers and words, weight strings {@code w_*}, hashes {@code h_*}
 * with fields for BY and GET, every option in random order and case, LIMIT at its edges, STORE over every type, and the
 * elements that are not numbers.
 *
 * <p>Every reply is compared byte for byte, but one: a set sorted BY a pattern without {@code *} and without STORE
 * answers in its table's order (Redis's dict is not our table), so its lines are compared as a multiset. ALPHA BY
 * patterns read {@code u_*}, whose values are distinct per element, because Redis's {@code qsort} leaves equal values
 * in no particular order.
 */
@Timeout(120)
class SortDifferentialTest {
    private static final String[] ELEMENTS = {"1", "2", "3", "10", "-5", "3.5", "1e2", "007", " 4", "0", "-0", "inf",
        "a", "b", "B", "apple", "ä", "", "x1", "1x", "0x10", "nan", "9223372036854775807"};
    private static final String[] LISTS = {"l1", "l2"};
    private static final String[] SETS = {"s1", "s2"};
    private static final String[] ZSETS = {"z1", "z2"};

    private static String element(Random r, boolean numeric) {
        if (numeric) return ELEMENTS[r.nextInt(12)];
        return ELEMENTS[r.nextInt(ELEMENTS.length)];
    }

    private static String[] command(Random r) {
        List<String> c = new ArrayList<>();
        int k = r.nextInt(30);
        boolean numeric = r.nextInt(3) > 0;          // mostly numbers, so the numeric sort usually succeeds
        if (k < 3) {
            c.add(r.nextBoolean() ? "RPUSH" : "LPUSH");
            c.add(LISTS[r.nextInt(2)]);
            int n = 1 + r.nextInt(r.nextInt(8) == 0 ? 200 : 6);
            for (int i = 0; i < n; i++) c.add(element(r, numeric));
        } else if (k < 6) {
            c.add("SADD");
            c.add(SETS[r.nextInt(2)]);
            int n = 1 + r.nextInt(r.nextInt(8) == 0 ? 200 : 6);
            for (int i = 0; i < n; i++) c.add(r.nextBoolean() ? String.valueOf(r.nextInt(50) - 10) : element(r, numeric));
        } else if (k < 9) {
            c.add("ZADD");
            c.add(ZSETS[r.nextInt(2)]);
            int n = 1 + r.nextInt(r.nextInt(8) == 0 ? 200 : 6);
            for (int i = 0; i < n; i++) {
                c.add(String.valueOf(r.nextInt(10)));
                c.add(r.nextBoolean() ? String.valueOf(r.nextInt(300)) : element(r, numeric));
            }
        } else if (k < 11) {
            c.add("SET");
            c.add("w_" + element(r, false));
            c.add(r.nextInt(6) == 0 ? element(r, false) : String.valueOf(r.nextInt(10)));
        } else if (k < 13) {
            String e = element(r, false);
            c.add("HSET");
            c.add("h_" + e);
            c.add(r.nextBoolean() ? "f" : "g");
            c.add(r.nextInt(6) == 0 ? element(r, false) : String.valueOf(r.nextInt(10)));
            if (r.nextInt(4) == 0) {
                c.add("big");
                c.add("v".repeat(r.nextBoolean() ? 3 : 100));   // past hash-max-listpack-value: a hash table
            }
        } else if (k == 13) {
            c.add("DEL");
            c.add(all(r));
        } else if (k == 14) {
            c.add("SET");
            c.add(all(r));
            c.add("str");
        } else {
            c.add(r.nextInt(4) == 0 ? "SORT_RO" : "SORT");
            c.add(r.nextInt(10) == 0 ? "nokey" : all(r));
            int options = r.nextInt(5);
            boolean alpha = false;
            List<String> by = new ArrayList<>();
            for (int i = 0; i < options; i++) {
                switch (r.nextInt(12)) {
                    case 0 -> c.add(r.nextBoolean() ? "DESC" : "desc");
                    case 1 -> c.add(r.nextBoolean() ? "ASC" : "asc");
                    case 2, 3 -> {
                        c.add(r.nextBoolean() ? "ALPHA" : "alpha");
                        alpha = true;
                    }
                    case 4 -> {
                        c.add("LIMIT");
                        c.add(limit(r));
                        c.add(limit(r));
                    }
                    case 5, 6 -> by.add(pick(r, "nosort", "w_*", "h_*->f", "u_*", "nokey", "h_*->", "*")); // decided below
                    case 7, 8 -> {
                        c.add("GET");
                        c.add(pick(r, "#", "w_*", "h_*->f", "h_*->g", "h_*->", "nokey", "u_*", "*", "w_*x"));
                    }
                    case 9 -> {
                        c.add("STORE");
                        c.add(r.nextBoolean() ? "dst" : all(r));
                    }
                    case 10 -> c.add(pick(r, "LIMIT", "BY", "GET", "STORE", "bogus"));    // syntax errors
                    default -> {
                        c.add("LIMIT");
                        c.add(pick(r, "x", "1.5"));
                        c.add("1");
                    }
                }
            }
            for (String b : by) {
                // ALPHA BY needs distinct values (qsort is not stable): u_* is, the others only when numeric.
                if (alpha && !b.equals("nosort") && !b.equals("nokey") && !b.equals("u_*")) b = "u_*";
                c.add(c.size() > 2 ? c.size() % 2 == 0 ? "BY" : "by" : "BY");
                c.add(b);
            }
        }
        return c.toArray(String[]::new);
    }

    private static String limit(Random r) {
        return pick(r, "0", "1", "2", "5", "-1", "-3", "100", "-9223372036854775808", "9223372036854775807");
    }

    private static String all(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> LISTS[r.nextInt(2)];
            case 1 -> SETS[r.nextInt(2)];
            case 2 -> ZSETS[r.nextInt(2)];
            default -> pick(r, "dst", "w_1", "h_1");
        };
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    @Test
    void sortMatchesRedis() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            // u_<element>: one distinct value per element, for ALPHA BY.
            Random setup = new Random(1);
            List<String> elements = new ArrayList<>(Arrays.asList(ELEMENTS));
            for (int i = -20; i < 320; i++) elements.add(String.valueOf(i));
            for (String e : elements) {
                String value = "u" + setup.nextInt(1_000_000) + "_" + e;
                d.run(0, 1, random -> new String[] {"SET", "u_" + e, value});
            }
            d.runComparing(Differential.seed(), 6_000, SortDifferentialTest::command,
                    SortDifferentialTest::compareUnordered);
        }
    }

    /** A set sorted BY a constant without STORE: its table's order, compared as a multiset of lines. */
    private static Boolean compareUnordered(String[] command, byte[] expected, byte[] actual, int protocol) {
        if (!command[0].startsWith("SORT") || !command[1].startsWith("s")) return null;
        boolean constantBy = false;
        boolean limit = false;
        for (int i = 2; i + 1 < command.length; i++) {
            String word = command[i];
            if (word.equalsIgnoreCase("limit")) {
                limit = true;
                i += 2;
            } else if (word.equalsIgnoreCase("by")) {
                if (!command[++i].contains("*")) constantBy = true;
            } else if (word.equalsIgnoreCase("get")) {
                i++;
            } else if (word.equalsIgnoreCase("store") && command[0].equals("SORT")) {
                return null;                                    // Redis sorts a set it stores: compared exactly
            }
        }
        if (!constantBy) return null;
        // A LIMIT window over the table's order holds different members: only its length can agree.
        if (limit) return firstLine(expected).equals(firstLine(actual));
        return sortedLines(expected).equals(sortedLines(actual));
    }

    private static String firstLine(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
    }

    private static List<String> sortedLines(byte[] reply) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(reply, StandardCharsets.ISO_8859_1).split("\r\n", -1)));
        lines.sort(null);
        return lines;
    }
}
