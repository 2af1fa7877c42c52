package dev.miniredis.persist;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seeded random keyspaces with every type and every encoding boundary the RDB format has: integers at each width of the
 * RDB integer encodings and of the listpack and intset forms, strings at each length-encoding boundary, compressible
 * and incompressible strings, collections on both sides of Redis's listpack and intset limits, deadlines, several
 * databases. Strings are ISO-8859-1 text, one char per byte, so any byte can occur.
 */
final class RandomKeyspace {
    private RandomKeyspace() {
    }

    /** Integers at the edges of every integer form: RDB int8/16/32, listpack 7/13/16/24/32/64 bits, intset widths. */
    static final long[] EDGES = {0, 1, -1, 12, 13, 127, 128, -128, -129, 255, 256, 4095, 4096, -4096, -4097, 32767,
            32768, -32768, -32769, (1 << 23) - 1, 1 << 23, -(1 << 23), -(1 << 23) - 1, Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, 9_999_999_999L, 99_999_999_999L,
            -9_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
    /** Strings that look like integers but are not canonical, so they must stay strings. */
    static final String[] NOT_INTEGERS = {"-0", "007", "+5", " 5", "5 ", "1e3", "0x10", "-", "", "9223372036854775808",
            "-9223372036854775809", "1.5", "00"};
    /** String lengths at the length-encoding boundaries (6 and 14 bits), the compression threshold, listpack forms. */
    static final int[] LENGTHS = {0, 1, 11, 12, 20, 21, 63, 64, 65, 127, 128, 4095, 4096, 16383, 16384, 70_000};

    static String element(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> Long.toString(EDGES[r.nextInt(EDGES.length)]);
            case 1 -> Long.toString(r.nextLong() >> r.nextInt(64));
            case 2 -> NOT_INTEGERS[r.nextInt(NOT_INTEGERS.length)];
            case 3 -> binary(r, r.nextInt(70));
            case 4 -> "e" + r.nextInt(1000);
            case 5 -> repeated(r, r.nextInt(200));
            default -> ascii(r, r.nextInt(30));
        };
    }

    static String value(Random r, boolean huge) {
        int pick = r.nextInt(10);
        if (pick < 4) return element(r);
        if (pick < 6) {
            int n = LENGTHS[r.nextInt(LENGTHS.length)];
            return r.nextBoolean() ? repeated(r, n) : binary(r, n);
        }
        if (huge && pick == 9) return r.nextBoolean() ? repeated(r, 3_000_000) : binary(r, 1_500_000);
        return ascii(r, r.nextInt(100));
    }

    static String ascii(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) s.append((char) ('a' + r.nextInt(26)));
        return s.toString();
    }

    static String binary(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) s.append((char) r.nextInt(256));
        return s.toString();
    }

    // Compressible: a short pattern repeated, with a few random bytes in between.
    static String repeated(Random r, int n) {
        String pattern = ascii(r, 1 + r.nextInt(12));
        StringBuilder s = new StringBuilder(n);
        while (s.length() < n) s.append(r.nextInt(20) == 0 ? String.valueOf((char) r.nextInt(256)) : pattern);
        return s.substring(0, n);
    }

    static double score(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> Double.POSITIVE_INFINITY;
            case 1 -> Double.NEGATIVE_INFINITY;
            case 2 -> r.nextBoolean() ? 0.0 : -0.0;
            case 3 -> EDGES[r.nextInt(EDGES.length)];                 // large integers lose precision as doubles
            case 4 -> r.nextInt(2000) - 1000;
            case 5 -> Double.MIN_VALUE * r.nextInt(5);
            case 6 -> r.nextDouble() * Math.pow(10, r.nextInt(600) - 300);
            default -> (r.nextInt(20000) - 10000) / 8.0;
        };
    }

    /** Collection sizes around the limits: small (packed), exactly at the limits, and above them. */
    static int size(Random r, int limit) {
        return switch (r.nextInt(6)) {
            case 0 -> 1;
            case 1 -> limit;
            case 2 -> limit + 1;
            case 3 -> limit * 3 + r.nextInt(limit);
            default -> 1 + r.nextInt(20);
        };
    }

    static TreeSet<String> set(Random r) {
        TreeSet<String> s = new TreeSet<>();
        int n = size(r, 512);
        boolean integers = r.nextInt(3) > 0;
        while (s.size() < n) {
            s.add(integers ? Long.toString(r.nextInt(4) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextInt(100_000) - 50_000)
                    : element(r));
        }
        return s;
    }

    static List<String> list(Random r) {
        int n = r.nextInt(4) == 0 ? 2000 + r.nextInt(3000) : 1 + r.nextInt(30);
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(r.nextInt(50) == 0 ? value(r, false) : element(r));
        return l;
    }

    static TreeMap<String, String> hash(Random r) {
        TreeMap<String, String> h = new TreeMap<>();
        int n = size(r, 512);
        boolean longValues = r.nextInt(4) == 0;
        while (h.size() < n) h.put(element(r), longValues && r.nextInt(n) == 0 ? ascii(r, 65) : element(r));
        return h;
    }

    static TreeMap<String, Double> zset(Random r) {
        TreeMap<String, Double> z = new TreeMap<>();
        int n = size(r, 128);
        boolean longMember = r.nextInt(4) == 0;
        while (z.size() < n) z.put(longMember && z.isEmpty() ? ascii(r, 65) : element(r), score(r));
        return z;
    }

    /**
     * A whole keyspace.
     *
     * @param r the seeded source
     * @param keys how many keys
     * @param huge whether a few values may be megabytes
     * @param nowMillis the time deadlines are set after
     */
    static RdbModel generate(Random r, int keys, boolean huge, long nowMillis) {
        RdbModel m = new RdbModel();
        for (int i = 0; i < keys; i++) {
            int db = r.nextInt(3) == 0 ? r.nextInt(16) : 0;
            String key = r.nextInt(5) == 0 ? Long.toString(EDGES[r.nextInt(EDGES.length)]) + ":" + i
                    : r.nextInt(10) == 0 ? Long.toString(EDGES[r.nextInt(EDGES.length)]) : "k" + i + ":" + element(r);
            long deadline = r.nextInt(4) == 0 ? nowMillis + 1 + r.nextInt(Integer.MAX_VALUE) : RdbSink.NO_DEADLINE;
            switch (r.nextInt(5)) {
                case 0 -> m.put(db, key, "string", value(r, huge), deadline);
                case 1 -> m.put(db, key, "list", list(r), deadline);
                case 2 -> m.put(db, key, "set", set(r), deadline);
                case 3 -> m.put(db, key, "hash", hash(r), deadline);
                default -> m.put(db, key, "zset", zset(r), deadline);
            }
        }
        return m;
    }
}
