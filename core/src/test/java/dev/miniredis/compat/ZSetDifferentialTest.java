package dev.miniredis.compat;

import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sorted-set commands against a real redis-server, seeded and random, byte for byte in RESP2 and RESP3: a few keys
 * (so members collide, sets grow past {@code zset-max-listpack-entries} and convert, and string keys meet sorted-set
 * commands), scores that are integers, fractions, infinities, negative zero, huge and tiny, and not numbers at all,
 * members empty, short, non-ASCII and longer than {@code zset-max-listpack-value}; the limits changed by CONFIG SET
 * now and then. OBJECT ENCODING is asked often, so each conversion must happen exactly when Redis's does.
 *
 * <p>Lexicographic ranges are only asked of the key {@code lx}, whose members all have score 0: Redis leaves them
 * undefined for mixed scores (on a skip list the answer depends on the random levels).
 */
@Timeout(120)
class ZSetDifferentialTest {
    private static final String[] MEMBERS = {"a", "b", "c", "d", "e", "f", "g", "h", "", "é", "B", "aa",
            "x".repeat(65), "y".repeat(64), "z".repeat(70)};

    static String score(Random r) {
        return switch (r.nextInt(20)) {
            case 0 -> "inf";
            case 1 -> "-inf";
            case 2 -> "+inf";
            case 3 -> "-0";
            case 4 -> "1e20";
            case 5 -> "1.5";
            case 6 -> "0.1";
            case 7 -> String.valueOf(r.nextDouble() * 1000 - 500);
            case 8 -> String.valueOf(r.nextGaussian() * 1e-6);
            case 9 -> new String[] {"nan", "abc", "", " 1", "1 ", "1e400", "1e-400", "0x10", "1e", "Infinity",
                    "1e-310", "123456789012345678"}[r.nextInt(12)];
            case 10 -> String.valueOf(r.nextLong());
            default -> String.valueOf(r.nextInt(11) - 5);
        };
    }

    static String bound(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "(" + score(r);
            case 1 -> "-inf";
            case 2 -> "+inf";
            case 3 -> score(r);
            default -> String.valueOf(r.nextInt(13) - 6);
        };
    }

    static String lexBound(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "-";
            case 1 -> "+";
            case 2 -> "(" + member(r);
            case 3 -> new String[] {"a", "", "[", "(", "++", "--"}[r.nextInt(6)];
            default -> "[" + member(r);
        };
    }

    static String member(Random r) {
        return r.nextInt(4) == 0 ? "m" + r.nextInt(300) : MEMBERS[r.nextInt(MEMBERS.length)];
    }

    static String index(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> String.valueOf(r.nextInt(400) - 200);
            case 1 -> r.nextBoolean() ? "-1" : "0";
            case 2 -> "x";
            case 3 -> String.valueOf(Long.MAX_VALUE);
            default -> String.valueOf(r.nextInt(11) - 5);
        };
    }

    static String key(Random r) {
        int k = r.nextInt(10);
        return k < 3 ? "z" + k : k < 5 ? "big" : k < 6 ? "s" : k < 7 ? "missing" : "z0";
    }

    // The all-zero-scores key, or one where a lex range is defined anyway (a string, a missing key).
    static String lexKey(Random r) {
        int k = r.nextInt(8);
        return k == 0 ? "str" : k == 1 ? "nokey" : "lx";
    }

    static String[] generate(Random r) {
        String key = key(r);
        List<String> c = new ArrayList<>();
        switch (r.nextInt(44)) {
            case 0, 1, 2, 3 -> {
                c.add("ZADD");
                c.add(key);
                for (String flag : new String[] {"NX", "XX", "GT", "LT", "CH", "INCR"}) {
                    if (r.nextInt(8) == 0) c.add(r.nextBoolean() ? flag : flag.toLowerCase());
                }
                int n = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(key.equals("big") ? 30 : 4);
                for (int i = 0; i < n; i++) {
                    c.add(score(r));
                    c.add(key.equals("big") ? "m" + r.nextInt(400) : member(r));
                }
                if (r.nextInt(20) == 0) c.add("dangling");
            }
            case 4 -> c.addAll(List.of("ZINCRBY", key, score(r), member(r)));
            case 5 -> {
                c.add("ZREM");
                c.add(key);
                for (int i = r.nextInt(4); i >= 0; i--) c.add(member(r));
            }
            case 6 -> c.addAll(List.of("ZCARD", key));
            case 7 -> c.addAll(List.of("ZSCORE", key, member(r)));
            case 8 -> {
                c.add("ZMSCORE");
                c.add(key);
                for (int i = r.nextInt(4); i >= 0; i--) c.add(member(r));
            }
            case 9 -> c.addAll(List.of(r.nextBoolean() ? "ZRANK" : "ZREVRANK", key, member(r)));
            case 10 -> c.addAll(List.of("ZCOUNT", key, bound(r), bound(r)));
            case 11 -> c.addAll(List.of("ZLEXCOUNT", lexKey(r), lexBound(r), lexBound(r)));
            case 12, 13, 14 -> {
                c.add("ZRANGE");
                c.add(key);
                int kind = r.nextInt(3);
                if (kind == 2) c.set(1, "lx");
                c.add(kind == 0 ? index(r) : kind == 1 ? bound(r) : lexBound(r));
                c.add(kind == 0 ? index(r) : kind == 1 ? bound(r) : lexBound(r));
                if (kind == 1 || r.nextInt(10) == 0) c.add("BYSCORE");
                if (kind == 2 || r.nextInt(10) == 0) c.add("BYLEX");
                if (r.nextBoolean()) c.add("REV");
                if (r.nextInt(3) == 0) c.addAll(List.of("LIMIT", index(r), index(r)));
                if (r.nextBoolean()) c.add("WITHSCORES");
                if (r.nextInt(15) == 0) c.add(2 + r.nextInt(c.size() - 2), "REV");
            }
            case 15 -> {
                c.addAll(List.of("ZREVRANGE", key, index(r), index(r)));
                if (r.nextBoolean()) c.add("WITHSCORES");
            }
            case 16, 17 -> {
                boolean rev = r.nextBoolean();
                c.addAll(List.of(rev ? "ZREVRANGEBYSCORE" : "ZRANGEBYSCORE", key, bound(r), bound(r)));
                if (r.nextBoolean()) c.add("WITHSCORES");
                if (r.nextInt(3) == 0) c.addAll(List.of("LIMIT", index(r), index(r)));
            }
            case 18 -> {
                boolean rev = r.nextBoolean();
                c.addAll(List.of(rev ? "ZREVRANGEBYLEX" : "ZRANGEBYLEX", lexKey(r), lexBound(r),
                        lexBound(r)));
                if (r.nextInt(3) == 0) c.addAll(List.of("LIMIT", index(r), index(r)));
                if (r.nextInt(10) == 0) c.add("WITHSCORES");
            }
            case 19 -> {
                c.addAll(List.of("ZRANGESTORE", r.nextBoolean() ? "z" + r.nextInt(3) : "s", key));
                int kind = r.nextInt(2);
                c.add(kind == 0 ? index(r) : bound(r));
                c.add(kind == 0 ? index(r) : bound(r));
                if (kind == 1) c.add("BYSCORE");
                if (r.nextBoolean()) c.add("REV");
                if (kind == 1 && r.nextInt(3) == 0) c.addAll(List.of("LIMIT", index(r), index(r)));
                if (r.nextInt(10) == 0) c.add("WITHSCORES");
            }
            case 20 -> c.addAll(List.of("ZREMRANGEBYRANK", key, index(r), index(r)));
            case 21 -> c.addAll(List.of("ZREMRANGEBYSCORE", key, bound(r), bound(r)));
            case 22 -> c.addAll(List.of("ZREMRANGEBYLEX", lexKey(r), lexBound(r), lexBound(r)));
            case 23 -> {
                c.addAll(List.of(r.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", key));
                if (r.nextBoolean()) c.add(index(r));
            }
            case 24 -> {
                int n = r.nextInt(3);
                c.addAll(List.of("ZMPOP", r.nextInt(10) == 0 ? index(r) : String.valueOf(n + 1)));
                for (int i = 0; i <= n; i++) c.add(key(r));
                c.add(new String[] {"MIN", "max", "left"}[r.nextInt(3)]);
                if (r.nextBoolean()) c.addAll(List.of("COUNT", index(r)));
            }
            case 25 -> {
                c.add("ZADD");
                c.add("lx");
                for (int i = r.nextInt(5); i >= 0; i--) {
                    c.add(r.nextBoolean() ? "0" : "-0");
                    c.add(member(r));
                }
            }
            case 26 -> c.addAll(List.of("OBJECT", "ENCODING", r.nextBoolean() ? key : "lx"));
            case 27 -> c.addAll(List.of("TYPE", key));
            case 28 -> c.addAll(List.of("EXISTS", key));
            case 29 -> c.addAll(List.of("SET", "s", "v"));
            case 30 -> c.addAll(List.of("GET", key));
            case 31 -> c.addAll(List.of("DEL", key));
            case 32 -> c.addAll(List.of("EXPIRE", key, "100"));
            case 33 -> c.addAll(List.of("PERSIST", key)); // not TTL: its rounding to seconds could differ by a tick
            case 34 -> c.addAll(List.of("CONFIG", "SET", "zset-max-listpack-entries",
                    new String[] {"0", "1", "3", "16", "128", "128"}[r.nextInt(6)]));
            case 35 -> c.addAll(List.of("CONFIG", "SET", "zset-max-listpack-value",
                    new String[] {"0", "1", "10", "64", "64"}[r.nextInt(5)]));
            case 36 -> c.addAll(List.of("ZINCRBY", "lx", "0", member(r)));
            case 39 -> {
                c.addAll(List.of("ZRANDMEMBER", key));
                if (r.nextInt(4) > 0) c.add(r.nextInt(5) == 0 ? index(r) : String.valueOf(r.nextInt(21) - 10));
                if (c.size() == 3 && r.nextBoolean()) c.add(r.nextInt(10) == 0 ? "withscore" : "WITHSCORES");
            }
            case 40 -> {
                c.addAll(List.of("ZSCAN", key, r.nextInt(8) == 0 ? index(r) : "0"));
                String[] patterns = {"*", "m1*", "[a-c]", "*x*"};
                if (r.nextBoolean()) c.addAll(List.of("MATCH", patterns[r.nextInt(4)]));
                if (r.nextBoolean()) {
                    c.addAll(List.of("COUNT", r.nextInt(6) == 0 ? index(r) : String.valueOf(1 + r.nextInt(30))));
                }
                if (r.nextInt(10) == 0) c.add("TYPE");
            }
            case 37, 38 -> {
                String[] ops = {"ZUNION", "ZINTER", "ZDIFF", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZINTERCARD"};
                String op = ops[r.nextInt(ops.length)];
                c.add(op);
                if (op.endsWith("STORE")) c.add(r.nextBoolean() ? "z" + r.nextInt(3) : key(r));
                int n = 1 + r.nextInt(3);
                c.add(r.nextInt(15) == 0 ? index(r) : String.valueOf(n));
                for (int i = 0; i < n; i++) c.add(r.nextInt(5) == 0 ? "lx" : key(r));
                if (r.nextInt(3) == 0) {
                    c.add("WEIGHTS");
                    for (int i = r.nextInt(8) == 0 ? 1 : 0; i < n; i++) c.add(r.nextInt(4) == 0 ? score(r) : "2");
                }
                String[] aggregates = {"sum", "MIN", "max", "avg"};
                if (r.nextInt(3) == 0) c.addAll(List.of("AGGREGATE", aggregates[r.nextInt(4)]));
                if (r.nextInt(3) == 0) c.add("WITHSCORES");
                if (r.nextInt(4) == 0) c.addAll(List.of("LIMIT", index(r)));
            }
            default -> {
                // Arity errors and random junk on every command.
                String[] names = {"ZADD", "ZINCRBY", "ZREM", "ZCARD", "ZSCORE", "ZMSCORE", "ZRANK", "ZCOUNT",
                        "ZLEXCOUNT", "ZRANGE", "ZRANGESTORE", "ZREMRANGEBYRANK", "ZPOPMIN", "ZMPOP"};
                c.add(names[r.nextInt(names.length)]);
                for (int i = r.nextInt(4); i > 0; i--) c.add(r.nextBoolean() ? key : score(r));
            }
        }
        return c.toArray(new String[0]);
    }

    /**
     * ZRANDMEMBER and ZSCAN, whose replies are random or follow the hash table's layout: compared by what must hold.
     * ZRANDMEMBER: the same shape and length, members of the set with their true scores, distinct for a positive count
     * (and byte for byte when the count covers the whole set: then the reply is the set in order). ZSCAN: byte for
     * byte when Redis answers in one step (a listpack), else a whole iteration on each server must find the same
     * members and scores. Errors are always compared byte for byte.
     */
    static Boolean agree(Differential d, String[] c, byte[] expected, byte[] actual) throws Exception {
        String name = c[0].toUpperCase(java.util.Locale.ROOT);
        if (!name.equals("ZRANDMEMBER") && !name.equals("ZSCAN") || expected[0] == '-' || actual[0] == '-') {
            return null;
        }
        if (java.util.Arrays.equals(expected, actual)) return true;
        Object e = Resp.parse(expected);
        Object a = Resp.parse(actual);
        if (name.equals("ZSCAN")) {
            if (!c[2].equals("0")) return e instanceof List && a instanceof List;
            return fullScan(d::redis, c).equals(fullScan(d::ours, c));
        }
        if (c.length == 2) {
            return a instanceof String member && !(Resp.parse(d.redis("ZSCORE", c[1], member)) == null);
        }
        if (!(e instanceof List<?> el) || !(a instanceof List<?> al) || el.size() != al.size()) return false;
        long count = Long.parseLong(c[2]);
        boolean withScores = c.length == 4;
        List<String> flat = new ArrayList<>();
        for (Object x : al) {
            if (x instanceof List<?> pair) pair.forEach(y -> flat.add((String) y));
            else flat.add((String) x);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < flat.size(); i += withScores ? 2 : 1) {
            Object score = Resp.parse(d.redis("ZSCORE", c[1], flat.get(i)));
            if (score == null || withScores && !score.equals(flat.get(i + 1))) return false;
            if (!seen.add(flat.get(i)) && count > 0) return false;
        }
        return true;
    }

    interface Server {
        byte[] call(String... command) throws Exception;
    }

    // Every member and score a whole ZSCAN iteration returns, with the command's MATCH and COUNT.
    static java.util.Set<String> fullScan(Server server, String[] c) throws Exception {
        java.util.Set<String> found = new java.util.TreeSet<>();
        String cursor = "0";
        for (int round = 0; round < 100_000; round++) {
            String[] command = c.clone();
            command[2] = cursor;
            List<?> reply = (List<?>) Resp.parse(server.call(command));
            cursor = (String) reply.get(0);
            List<?> items = (List<?>) reply.get(1);
            for (int i = 0; i < items.size(); i += 2) found.add(items.get(i) + " " + items.get(i + 1));
            if (cursor.equals("0")) return found;
        }
        throw new AssertionError("ZSCAN did not finish");
    }

    /** A small RESP2/RESP3 reply reader for the comparisons: strings, longs, lists, null; errors as "-message". */
    static final class Resp {
        private final byte[] b;
        private int pos;

        private Resp(byte[] b) {
            this.b = b;
        }

        static Object parse(byte[] b) {
            return new Resp(b).next();
        }

        private String line() {
            int start = pos;
            while (b[pos] != '\r') pos++;
            String s = new String(b, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1);
            pos += 2;
            return s;
        }

        private Object next() {
            byte type = b[pos++];
            String line = line();
            switch (type) {
                case '+', ',' -> {
                    return line;
                }
                case '-' -> {
                    return "-" + line;
                }
                case ':' -> {
                    return Long.parseLong(line);
                }
                case '_' -> {
                    return null;
                }
                case '$' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) return null;
                    String s = new String(b, pos, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                    pos += n + 2;
                    return s;
                }
                default -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) return null;
                    List<Object> list = new ArrayList<>();
                    for (int i = 0; i < n * (type == '%' ? 2 : 1); i++) list.add(next());
                    return list;
                }
            }
        }
    }

    /**
     * A sum of doubles depends on its order ((1e16 + 1) - 1e16 is 0, (1e16 - 1e16) + 1 is 1): inputs of equal size
     * must be summed in the order Redis's sort leaves them (glibc's qsort is a stable merge sort), and the
     * exact-threshold encodings of the results must agree.
     */
    @Test
    void setOperationsSumInRedisOrder() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            d.both("ZADD", "a", "1e16", "m");
            d.both("ZADD", "b", "1", "m");
            d.both("ZADD", "c", "-1e16", "m");
            for (String[] order : new String[][] {{"a", "b", "c"}, {"a", "c", "b"}, {"c", "b", "a"}, {"b", "a", "c"}}) {
                d.both("ZUNION", "3", order[0], order[1], order[2], "WITHSCORES");
                d.both("ZINTER", "3", order[0], order[1], order[2], "WITHSCORES");
                d.both("ZUNIONSTORE", "dst", "3", order[0], order[1], order[2], "WEIGHTS", "1", "2", "3");
                d.both("ZSCORE", "dst", "m");
                d.both("OBJECT", "ENCODING", "dst");
            }
        }
    }

    @Test
    void sortedSetCommandsAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            d.both("SET", "str", "a string, never a sorted set");
            long seed = Differential.seed();
            List<String[]> history = new ArrayList<>();
            try {
                d.runComparing(seed, Integer.getInteger("diff.steps", 40_000), r -> {
                    String[] c = generate(r);
                    history.add(c);
                    return c;
                }, (c, expected, actual, protocol) -> agree(d, c, expected, actual));
            } catch (AssertionError e) {
                // The history of the failing command's key, for debugging (the assertion shows only the last ten).
                String[] last = history.get(history.size() - 1);
                String key = last.length > 1 ? last[1] : "";
                for (String[] c : history) {
                    if (List.of(c).contains(key) || c[0].equals("CONFIG")) System.err.println(String.join(" ", c));
                }
                throw e;
            }
        }
    }
}
