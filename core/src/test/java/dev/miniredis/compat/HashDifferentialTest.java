package dev.miniredis.compat;

import dev.miniredis.testing.RawClient;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hash commands against a real redis-server, seeded and random, RESP2 and RESP3: every hash command mixed with
 * string commands on the same keys (WRONGTYPE both ways), DEL, EXPIRE, TYPE and OBJECT ENCODING, fields and values
 * from empty to past 64 bytes, hashes pushed past both thresholds, and CONFIG SET of the thresholds now and then.
 *
 * <p>Most replies must be the same bytes. The exceptions, compared by what must agree ({@link Differential.Check}):
 * <ul>
 *   <li>HKEYS, HVALS and HGETALL of a hash Redis holds as a hashtable: the order is each server's table order, so the
 *       elements are compared as multisets (a packed hash's order is Redis's, compared byte for byte);</li>
 *   <li>HSCAN of a hashtable: a whole iteration from cursor 0 on each server, the union of what it returned compared
 *       (the cursors differ); a step from another cursor only by shape;</li>
 *   <li>HRANDFIELD: the count, distinctness for positive counts, and that every field (and value) is in the hash;
 *       where Redis is deterministic (a packed hash, a count at least its size) byte for byte;</li>
 *   <li>TTL: within a second of each other (the two servers read the clock a moment apart).</li>
 * </ul>
 */
@Timeout(120)
class HashDifferentialTest {
    private static final String[] KEYS = {"h0", "h1", "h2", "s"};
    private static final String[] FLOATS = {"1.5", "-0.1", "0.1", "1e10", "abc", "inf", "-inf", "nan", "0x10", "3.0e-5",
            ".5", "5.", "", " 1", "1e400", "-1e-300", "1.18973149535723176502e4932", "0", "-0", "10.5", "17", "1e-20"};
    private static final String[] INTEGERS = {"1", "-1", "0", "100", "9223372036854775807", "-9223372036854775808",
            "abc", "1.5", "", "01", "-5", "+3"};
    private static final String[] PATTERNS = {"*", "f*", "*1*", "f?", "[a-f]*", "x*", "*"};

    private static String field(Random r) {
        return switch (r.nextInt(50)) {
            case 0, 1 -> "";
            case 2 -> "F".repeat(60 + r.nextInt(10));        // around hash-max-listpack-value
            case 3, 4, 5 -> String.valueOf(r.nextInt(5));
            default -> "f" + r.nextInt(12);
        };
    }

    private static String value(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> r.nextInt(3) == 0 ? "v".repeat(60 + r.nextInt(10)) : "v".repeat(r.nextInt(40));
            case 2, 3 -> String.valueOf(r.nextInt(200) - 100);
            case 4 -> FLOATS[r.nextInt(FLOATS.length)];
            case 5 -> String.valueOf(r.nextLong());
            default -> "v" + r.nextInt(1000);
        };
    }

    private static String[] pairs(Random r, String command, String key, int n) {
        List<String> c = new ArrayList<>(List.of(command, key));
        for (int i = 0; i < n; i++) {
            c.add(field(r));
            c.add(value(r));
        }
        return c.toArray(String[]::new);
    }

    private static String[] fields(Random r, String command, String key, int n) {
        List<String> c = new ArrayList<>(List.of(command, key));
        for (int i = 0; i < n; i++) c.add(field(r));
        return c.toArray(String[]::new);
    }

    // Many fields at once: past 512 (the default) or a lowered limit.
    private static String[] bigHset(Random r, String key) {
        int n = r.nextInt(8) == 0 ? 500 + r.nextInt(30) : 5 + r.nextInt(40);
        List<String> c = new ArrayList<>(List.of("HSET", key));
        int base = r.nextInt(1000);
        for (int i = 0; i < n; i++) {
            c.add("g" + (base + i));
            c.add(String.valueOf(i));
        }
        return c.toArray(String[]::new);
    }

    static String[] command(Random r) {
        String key = KEYS[r.nextInt(KEYS.length)];
        int n = 1 + r.nextInt(4);
        return switch (r.nextInt(40)) {
            case 0, 1, 2, 3 -> pairs(r, "HSET", key, n);
            case 4 -> pairs(r, "HMSET", key, n);
            case 5 -> r.nextBoolean() ? new String[] {"HSET", key, field(r)}
                    : new String[] {"HMSET", key, "a", "b", "c"};
            case 6 -> new String[] {"HSETNX", key, field(r), value(r)};
            case 7, 8 -> new String[] {"HGET", key, field(r)};
            case 9 -> fields(r, "HMGET", key, n);
            case 10, 11 -> fields(r, "HDEL", key, n);
            case 12 -> new String[] {"HLEN", key};
            case 13 -> new String[] {"HSTRLEN", key, field(r)};
            case 14 -> new String[] {"HEXISTS", key, field(r)};
            case 15 -> new String[] {"HKEYS", key};
            case 16 -> new String[] {"HVALS", key};
            case 17, 18 -> new String[] {"HGETALL", key};
            case 19, 20 -> new String[] {"HINCRBY", key, field(r), INTEGERS[r.nextInt(INTEGERS.length)]};
            case 21, 22 -> new String[] {"HINCRBYFLOAT", key, field(r), FLOATS[r.nextInt(FLOATS.length)]};
            case 23, 24 -> hrandfield(r, key);
            case 25, 26 -> hscan(r, key);
            case 27 -> new String[] {"SET", key, value(r)};
            case 28 -> new String[] {"GET", key};
            case 29 -> new String[] {"DEL", key, KEYS[r.nextInt(KEYS.length)]};
            case 30 -> r.nextBoolean() ? new String[] {"TYPE", key} : new String[] {"DEL", key};
            case 31, 32 -> new String[] {"OBJECT", "ENCODING", key};
            case 33 -> new String[] {"EXISTS", key};
            case 34 -> r.nextInt(4) == 0 ? new String[] {"EXPIRE", key, "0"} : new String[] {"EXPIRE", key, "100000"};
            case 35 -> new String[] {"TTL", key};
            case 36 -> bigHset(r, key);
            case 37 -> config(r);
            case 38 -> new String[] {"HINCRBY", key, "f" + r.nextInt(3), String.valueOf(r.nextInt(2000) - 1000)};
            default -> new String[] {"HINCRBYFLOAT", key, "f" + r.nextInt(3),
                    (r.nextInt(2000) - 1000) + "." + r.nextInt(100)};
        };
    }

    private static String[] config(Random r) {
        if (r.nextBoolean()) {
            String[] entries = {"0", "1", "2", "4", "8", "16", "128", "512", "512", "512", "-1", "abc"};
            String name = r.nextBoolean() ? "hash-max-listpack-entries" : "hash-max-ziplist-entries";
            return new String[] {"CONFIG", "SET", name, entries[r.nextInt(entries.length)]};
        }
        String[] values = {"0", "1", "4", "16", "64", "64", "64", "64", "100"};
        return new String[] {"CONFIG", "SET", "hash-max-listpack-value", values[r.nextInt(values.length)]};
    }

    private static String[] hrandfield(Random r, String key) {
        String[] counts = {"0", "1", "-1", "2", "-5", "3", "10", "-20", "100", "1000", "-9223372036854775808",
                "9223372036854775807", "abc", "-4611686018427387904", "4611686018427387904"};
        String count = counts[r.nextInt(counts.length)];
        return switch (r.nextInt(6)) {
            case 0 -> new String[] {"HRANDFIELD", key};
            // A huge negative count without WITHVALUES would have Redis write billions of fields: not that one.
            case 1, 2 -> new String[] {"HRANDFIELD", key, count.equals("-4611686018427387904") ? "-3" : count};
            case 3, 4 -> new String[] {"HRANDFIELD", key, count, r.nextInt(10) == 0 ? "withvalue" : "WITHVALUES"};
            default -> new String[] {"HRANDFIELD", key, count, "WITHVALUES", "x"};
        };
    }

    private static String[] hscan(Random r, String key) {
        String[] cursors = {"0", "0", "0", "0", "abc", "-1", "18446744073709551616", "", "7"};
        List<String> c = new ArrayList<>(List.of("HSCAN", key, cursors[r.nextInt(cursors.length)]));
        if (r.nextInt(3) == 0) c.addAll(List.of("MATCH", PATTERNS[r.nextInt(PATTERNS.length)]));
        if (r.nextInt(3) == 0) {
            String[] counts = {"1", "2", "5", "100", "0", "-1", "abc"};
            c.addAll(List.of("COUNT", counts[r.nextInt(counts.length)]));
        }
        if (r.nextInt(15) == 0) c.add(r.nextBoolean() ? "TYPE" : "COUNT");
        return c.toArray(String[]::new);
    }

    @Test
    void hashCommandsAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            long seed = Differential.seed();
            int steps = Integer.getInteger("diff.steps", 20_000);   // -Ddiff.steps=200000 for a long hunt
            d.run(seed, steps, HashDifferentialTest::command, HashDifferentialTest::check);
        }
    }

    @Test
    void conversionsHappenAtRedisThresholds() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential()) {
            // Entries: 512 fields stay packed, the 513th converts; deleting back down does not convert back.
            for (int i = 0; i < 512; i++) d.both("HSET", "big", "f" + i, "v");
            d.both("OBJECT", "ENCODING", "big");
            d.both("HSET", "big", "f512", "v");
            d.both("OBJECT", "ENCODING", "big");
            for (int i = 0; i < 512; i++) d.both("HDEL", "big", "f" + i);
            d.both("OBJECT", "ENCODING", "big");
            d.both("HGETALL", "big");
            // Value length: 64 stays, 65 converts, through HSET, HSETNX, HINCRBYFLOAT and the field's length.
            d.both("HSET", "v", "a", "x".repeat(64));
            d.both("OBJECT", "ENCODING", "v");
            d.both("HSETNX", "v", "a", "x".repeat(65));            // the field exists: no conversion
            d.both("OBJECT", "ENCODING", "v");
            d.both("HSETNX", "v", "b", "x".repeat(65));
            d.both("OBJECT", "ENCODING", "v");
            d.both("HSET", "w", "f".repeat(65), "1");
            d.both("OBJECT", "ENCODING", "w");
            d.both("CONFIG", "SET", "hash-max-listpack-value", "5");
            d.both("HSET", "x", "a", "1");
            d.both("HINCRBYFLOAT", "x", "a", "12345.5");               // the result is 7 bytes
            d.both("OBJECT", "ENCODING", "x");
            d.both("HSET", "y", "a", "1");
            d.both("HINCRBY", "y", "longfield", "1");                  // the field is 9 bytes
            d.both("OBJECT", "ENCODING", "y");
            d.both("CONFIG", "SET", "hash-max-listpack-value", "64");
            d.both("CONFIG", "SET", "hash-max-listpack-entries", "0");
            d.both("HSET", "z", "a", "1");
            d.both("OBJECT", "ENCODING", "z");
            d.both("CONFIG", "SET", "hash-max-listpack-entries", "512");
            d.both("HSET", "z2", "a", "1", "b", "2");
            d.both("HGETALL", "z2");
            d.both("HSCAN", "z2", "0", "COUNT", "1");
        }
    }

    // ---- the special comparisons ----------------------------------------------------------------------------------

    static boolean check(String[] c, RawClient redis, RawClient ours, String context) throws Exception {
        switch (c[0]) {
            case "HKEYS", "HVALS", "HGETALL" -> {
                if (!hashtable(redis, c[1])) return false;
                Node expected = send(redis, c);
                Node actual = send(ours, c);
                assertThat(actual.canonical(c[0].equals("HGETALL") ? 2 : 1)).as(context)
                        .isEqualTo(expected.canonical(c[0].equals("HGETALL") ? 2 : 1));
                return true;
            }
            case "HSCAN" -> {
                if (!hashtable(redis, c[1])) return false;
                Node expected = send(redis, c);
                Node actual = send(ours, c);
                if (expected.type == '-' || actual.type == '-' || !c[2].equals("0")) {
                    if (expected.type == '-' || actual.type == '-') {
                        assertThat(actual.raw).as(context).isEqualTo(expected.raw);
                    } else {
                        assertThat(actual.children).as(context).hasSize(2);
                        assertThat(actual.children.get(1).children.size() % 2).as(context).isZero();
                    }
                    return true;
                }
                assertThat(scanAll(ours, c, actual)).as(context).isEqualTo(scanAll(redis, c, expected));
                return true;
            }
            case "HRANDFIELD" -> {
                checkRandField(c, redis, ours, context);
                return true;
            }
            case "TTL" -> {
                Node expected = send(redis, c);
                Node actual = send(ours, c);
                long e = Long.parseLong(expected.text);
                long a = Long.parseLong(actual.text);
                if (e < 0) assertThat(a).as(context).isEqualTo(e);
                else assertThat(Math.abs(a - e)).as(context).isLessThanOrEqualTo(1);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean hashtable(RawClient redis, String key) throws IOException {
        Node encoding = send(redis, new String[] {"OBJECT", "ENCODING", key});
        return "hashtable".equals(encoding.text);
    }

    // The union of (field, value) pairs over a whole iteration, following the server's own cursors.
    private static Set<String> scanAll(RawClient client, String[] command, Node first) throws IOException {
        Set<String> seen = new TreeSet<>();
        Node reply = first;
        for (int round = 0; ; round++) {
            assertThat(round).isLessThan(100_000);
            List<Node> elements = reply.children.get(1).children;
            for (int i = 0; i < elements.size(); i += 2) {
                seen.add(elements.get(i).text + "=" + elements.get(i + 1).text);
            }
            String cursor = reply.children.get(0).text;
            if (cursor.equals("0")) return seen;
            String[] next = command.clone();
            next[2] = cursor;
            reply = send(client, next);
        }
    }

    private static void checkRandField(String[] c, RawClient redis, RawClient ours, String context) throws Exception {
        Node all = send(redis, new String[] {"HGETALL", c[1]});
        boolean packed = !hashtable(redis, c[1]);
        Node expected = send(redis, c);
        Node actual = send(ours, c);
        if (expected.type == '-' || actual.type == '-' || all.type == '-') {
            assertThat(actual.raw).as(context).isEqualTo(expected.raw);
            return;
        }
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i < all.children.size(); i += 2) {
            hash.put(all.children.get(i).text, all.children.get(i + 1).text);
        }
        if (c.length == 2) {
            if (hash.isEmpty()) {
                assertThat(actual.raw).as(context).isEqualTo(expected.raw);
            } else {
                assertThat(actual.type).as(context).isEqualTo('$');
                assertThat(hash).as(context).containsKey(actual.text);
            }
            return;
        }
        long count = Long.parseLong(c[2]);
        boolean withValues = c.length == 4;
        if (hash.isEmpty() || count == 0 || (packed && count >= hash.size())) {
            assertThat(actual.raw).as(context).isEqualTo(expected.raw);
            return;
        }
        for (Node reply : new Node[] {expected, actual}) {
            List<String[]> picks = new ArrayList<>();
            List<Node> items = reply.children;
            if (withValues && !items.isEmpty() && items.get(0).type == '*') {
                for (Node pair : items) {
                    assertThat(pair.children).as(context).hasSize(2);
                    picks.add(new String[] {pair.children.get(0).text, pair.children.get(1).text});
                }
            } else if (withValues) {
                assertThat(items.size() % 2).as(context).isZero();
                for (int i = 0; i < items.size(); i += 2) {
                    picks.add(new String[] {items.get(i).text, items.get(i + 1).text});
                }
            } else {
                for (Node item : items) picks.add(new String[] {item.text, null});
            }
            long expectedCount = count > 0 ? Math.min(count, hash.size()) : -count;
            assertThat((long) picks.size()).as(context).isEqualTo(expectedCount);
            Set<String> distinct = new HashSet<>();
            for (String[] pick : picks) {
                assertThat(hash).as(context).containsKey(pick[0]);
                if (withValues) assertThat(pick[1]).as(context).isEqualTo(hash.get(pick[0]));
                distinct.add(pick[0]);
            }
            if (count > 0) assertThat(distinct).as(context).hasSize(picks.size());
        }
        assertThat(actual.raw.substring(0, actual.raw.indexOf('\n'))).as(context)
                .isEqualTo(expected.raw.substring(0, expected.raw.indexOf('\n')));
    }

    // ---- a small RESP reader that keeps each frame's bytes --------------------------------------------------------

    /** One reply frame: its type byte, its text (bulk, simple, integer), its children, and its raw bytes escaped. */
    static final class Node {
        char type;
        String text;
        List<Node> children = new ArrayList<>();
        String raw;

        /** The header line, then the children grouped {@code group} at a time and sorted: order left out. */
        String canonical(int group) {
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < children.size(); i += group) {
                StringBuilder g = new StringBuilder();
                for (int k = 0; k < group; k++) g.append(children.get(i + k).raw);
                groups.add(g.toString());
            }
            groups.sort(null);
            return raw.substring(0, raw.indexOf('\n') + 1) + groups;
        }
    }

    static Node send(RawClient client, String[] command) throws IOException {
        byte[] bytes = client.command(command).readReplyBytes();
        int[] at = {0};
        Node n = parse(bytes, at);
        assertThat(at[0]).isEqualTo(bytes.length);
        return n;
    }

    private static Node parse(byte[] b, int[] at) {
        int start = at[0];
        Node n = new Node();
        n.type = (char) b[at[0]];
        int lineEnd = at[0];
        while (b[lineEnd] != '\r') lineEnd++;
        String line = new String(b, at[0] + 1, lineEnd - at[0] - 1, StandardCharsets.ISO_8859_1);
        at[0] = lineEnd + 2;
        switch (n.type) {
            case '$', '=', '!' -> {
                int len = Integer.parseInt(line);
                if (len >= 0) {
                    n.text = new String(b, at[0], len, StandardCharsets.ISO_8859_1);
                    at[0] += len + 2;
                }
            }
            case '*', '~', '>', '%' -> {
                int len = Integer.parseInt(line);
                if (n.type == '%') len *= 2;
                for (int i = 0; i < len; i++) n.children.add(parse(b, at));
            }
            default -> n.text = line;
        }
        n.raw = new String(Arrays.copyOfRange(b, start, at[0]), StandardCharsets.ISO_8859_1);
        return n;
    }
}
