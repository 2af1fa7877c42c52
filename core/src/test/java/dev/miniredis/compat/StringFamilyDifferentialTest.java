package dev.miniredis.compat;

import dev.miniredis.command.CommandError;
import dev.miniredis.command.CommandTable;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The string family against a real redis-server, seeded and random, RESP2 and RESP3: SETEX, PSETEX, GETSET, GETRANGE,
 * SUBSTR, SETRANGE, MSETNX, LCS, SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO, mixed with SET, GET,
 * APPEND, STRLEN, DEL, EXISTS, TYPE, EXPIRE, TTL and OBJECT ENCODING on a handful of keys, so that the commands meet
 * missing keys, expired keys, empty and long values, binary bytes, integers, and a key of another type (a list).
 *
 * <p>Two things are not compared byte for byte, on purpose:
 * <ul>
 *   <li>TTL's positive answers: the two servers read their clocks a moment apart, so 100 may be 99 on one of them. A
 *       positive TTL is compared as "positive"; -1 and -2 exactly.</li>
 *   <li>OBJECT ENCODING of a string that SETRANGE, SETBIT, BITFIELD, BITOP or APPEND changed: Redis answers {@code raw}
 *       for such a string whatever it holds (its in-place changes turn an embedded string into a raw one), while we
 *       keep no history per key and decide from the bytes. The generator asks OBJECT ENCODING only of keys last written
 *       by SET (or deleted) since; for the others it asks STRLEN.</li>
 * </ul>
 *
 * <p>Offsets stay small (a few hundred bytes) so no command allocates much; the 512 MB limits are exercised by the
 * errors alone (an offset past the limit is refused before anything is allocated, on both servers). Until the list
 * family exists in our server, a test-only LPUSH makes the list key (see {@link #table}).
 */
@Timeout(120)
class StringFamilyDifferentialTest {
    private static final String[] KEYS = {"k0", "k1", "k2", "k3"};
    private static final String LIST = "lk";

    // Keys whose OBJECT ENCODING may differ (changed in place since the last SET or DEL): see the class comment.
    private final java.util.Set<String> changedInPlace = new HashSet<>();

    private static String key(Random r) {
        return r.nextInt(12) == 0 ? LIST : KEYS[r.nextInt(KEYS.length)];
    }

    private static String value(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "";
            case 1 -> String.valueOf(r.nextInt(20_000) - 100);
            case 2 -> String.valueOf(r.nextLong());
            case 3 -> "x".repeat(40 + r.nextInt(30));                       // around embstr's 44 bytes
            case 4 -> "y".repeat(65 + r.nextInt(100));                      // past 64 bytes
            case 5 -> binary(r, 1 + r.nextInt(12));
            case 6 -> String.valueOf((char) (r.nextBoolean() ? 0xff : 0)).repeat(1 + r.nextInt(12)); // all ones, zeros
            case 7 -> "ab".repeat(r.nextInt(6)) + "cd";
            default -> randomText(r, 1 + r.nextInt(10));
        };
    }

    // Bytes 0 to 255 as ISO-8859-1 chars, which RawClient sends byte for byte.
    private static String binary(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(4);
            s.append((char) (kind == 0 ? 0 : kind == 1 ? 0xff : r.nextInt(256)));
        }
        return s.toString();
    }

    private static String randomText(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append("abcdeohmytx".charAt(r.nextInt(11)));
        return s.toString();
    }

    private static String index(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> String.valueOf(-r.nextInt(300));
            case 1 -> r.nextBoolean() ? "9223372036854775807" : "-9223372036854775808";
            case 2 -> r.nextBoolean() ? "x" : "1.5";
            default -> String.valueOf(r.nextInt(40) - 10);
        };
    }

    private static String bitOffset(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "-1";
            case 1 -> "4294967296";                                         // (offset >> 3) reaches 512 MB: refused
            case 2 -> "abc";
            case 3 -> "";
            default -> String.valueOf(r.nextInt(r.nextBoolean() ? 64 : 900));
        };
    }

    private static String unit(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "BIT";
            case 1 -> "byte";
            case 2 -> "bits";
            default -> r.nextBoolean() ? "bit" : "BYTE";
        };
    }

    private static String number(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "9223372036854775807";
            case 1 -> "-9223372036854775808";
            case 2 -> "nan";
            case 3 -> String.valueOf(r.nextLong());
            default -> String.valueOf(r.nextInt(600) - 300);
        };
    }

    private static String bitfieldType(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> "u64";
            case 1 -> "i65";
            case 2 -> "i0";
            case 3 -> "I8";
            case 4 -> "i08";
            case 5 -> "i64";
            case 6 -> "u63";
            default -> (r.nextBoolean() ? "i" : "u") + (1 + r.nextInt(r.nextBoolean() ? 16 : 63));
        };
    }

    private static String bitfieldOffset(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "#" + r.nextInt(20);
            case 1 -> "#-1";
            case 2 -> r.nextBoolean() ? "4294967296" : "#536870912";
            default -> String.valueOf(r.nextInt(200));
        };
    }

    private static String[] bitfield(Random r, boolean readOnly) {
        List<String> c = new ArrayList<>();
        c.add(readOnly ? "BITFIELD_RO" : "BITFIELD");
        c.add(key(r));
        int ops = r.nextInt(5);
        for (int i = 0; i < ops; i++) {
            switch (r.nextInt(readOnly ? 8 : 10)) {
                case 0 -> {
                    c.add("OVERFLOW");
                    c.add(switch (r.nextInt(7)) {
                        case 0 -> "WRAP";
                        case 1 -> "sat";
                        case 2 -> "Fail";
                        case 3 -> "bogus";
                        default -> r.nextBoolean() ? "SAT" : "FAIL";
                    });
                }
                case 1 -> c.add(r.nextBoolean() ? "GET" : "nosuch");
                case 2, 3, 4, 5 -> {
                    c.add("GET");
                    c.add(bitfieldType(r));
                    c.add(bitfieldOffset(r));
                }
                default -> {
                    c.add(r.nextInt(3) == 0 ? "SET" : "INCRBY");
                    c.add(bitfieldType(r));
                    c.add(bitfieldOffset(r));
                    c.add(number(r));
                }
            }
        }
        return c.toArray(new String[0]);
    }

    private static String[] lcs(Random r) {
        List<String> c = new ArrayList<>(List.of("LCS", key(r), key(r)));
        int options = r.nextInt(4);
        for (int i = 0; i < options; i++) {
            switch (r.nextInt(7)) {
                case 0 -> c.add("LEN");
                case 1, 2 -> c.add("IDX");
                case 3 -> c.add("WITHMATCHLEN");
                case 4 -> {
                    c.add("MINMATCHLEN");
                    c.add(String.valueOf(r.nextInt(6) - 1));
                }
                case 5 -> c.add(r.nextBoolean() ? "MINMATCHLEN" : "nosuch");
                default -> c.add("idx");
            }
        }
        return c.toArray(new String[0]);
    }

    private static String[] bitop(Random r) {
        String op = switch (r.nextInt(10)) {
            case 0 -> "DIFF";
            case 1, 2 -> "NOT";
            case 3 -> "and";
            case 4, 5 -> "AND";
            case 6, 7 -> "OR";
            default -> "XOR";
        };
        List<String> c = new ArrayList<>(List.of("BITOP", op, key(r)));
        int sources = r.nextInt(op.equals("NOT") ? 3 : 4);
        for (int i = 0; i < sources; i++) c.add(r.nextInt(8) == 0 ? "missing" : key(r));
        return c.toArray(new String[0]);
    }

    private String[] command(Random r) {
        String k = key(r);
        String[] c = switch (r.nextInt(40)) {
            case 0, 1, 2 -> new String[] {"SET", k, value(r)};
            case 3 -> new String[] {"GET", k};
            case 4 -> new String[] {"APPEND", k, value(r)};
            case 5 -> new String[] {"STRLEN", k};
            case 6 -> new String[] {"DEL", k};
            case 7 -> new String[] {r.nextBoolean() ? "EXISTS" : "TYPE", k};
            case 8 -> new String[] {"EXPIRE", k, r.nextInt(4) == 0 ? "0" : "1000"};
            case 9 -> new String[] {"TTL", k};
            case 10 -> new String[] {"OBJECT", "ENCODING", k};
            case 11 -> new String[] {r.nextBoolean() ? "SETEX" : "PSETEX", k, switch (r.nextInt(8)) {
                case 0 -> "0";
                case 1 -> "-5";
                case 2 -> "abc";
                case 3 -> "9223372036854775807";
                case 4 -> "9223372036854775";
                default -> "100000";
            }, value(r)};
            case 12 -> new String[] {"GETSET", k, value(r)};
            case 13, 14 -> new String[] {r.nextInt(4) == 0 ? "SUBSTR" : "GETRANGE", k, index(r), index(r)};
            case 15, 16 -> {
                String offset = switch (r.nextInt(10)) {
                    case 0 -> "-1";
                    case 1 -> "536870911";                                  // with a value of 2+ bytes: too long
                    case 2 -> "x";
                    case 3 -> "9223372036854775807";
                    default -> String.valueOf(r.nextInt(80));
                };
                String v = r.nextInt(5) == 0 ? "" : value(r);
                // At offset 536870911 a 1-byte value fits the 512 MB limit exactly: both servers would build a 512 MB
                // string, and the next read of it ran the test JVM out of heap once. Refused or empty only.
                if (offset.equals("536870911") && v.length() == 1) v = v + v;
                yield new String[] {"SETRANGE", k, offset, v};
            }
            case 17 -> {
                int pairs = r.nextInt(4);
                List<String> m = new ArrayList<>(List.of("MSETNX"));
                for (int i = 0; i < pairs; i++) {
                    m.add(r.nextInt(3) == 0 ? "fresh" + r.nextInt(3) : key(r));
                    m.add(value(r));
                }
                if (r.nextInt(6) == 0) m.add("odd");
                yield m.toArray(new String[0]);
            }
            case 18, 19 -> lcs(r);
            case 20, 21, 22 -> new String[] {"SETBIT", k, bitOffset(r), switch (r.nextInt(8)) {
                case 0 -> "2";
                case 1 -> "-1";
                case 2 -> "x";
                default -> String.valueOf(r.nextInt(2));
            }};
            case 23 -> new String[] {"GETBIT", k, bitOffset(r)};
            case 24, 25 -> switch (r.nextInt(5)) {
                case 0 -> new String[] {"BITCOUNT", k};
                case 1 -> new String[] {"BITCOUNT", k, index(r)};
                case 2 -> new String[] {"BITCOUNT", k, index(r), index(r)};
                default -> new String[] {"BITCOUNT", k, index(r), index(r), unit(r)};
            };
            case 26, 27 -> {
                String bit = switch (r.nextInt(10)) {
                    case 0 -> "2";
                    case 1 -> "x";
                    default -> String.valueOf(r.nextInt(2));
                };
                yield switch (r.nextInt(6)) {
                    case 0 -> new String[] {"BITPOS", k, bit};
                    case 1 -> new String[] {"BITPOS", k, bit, index(r)};
                    case 2 -> new String[] {"BITPOS", k, bit, index(r), index(r)};
                    case 3 -> new String[] {"BITPOS", k, bit, index(r), index(r), unit(r), "extra"};
                    default -> new String[] {"BITPOS", k, bit, index(r), index(r), unit(r)};
                };
            }
            case 28, 29 -> bitop(r);
            case 30, 31, 32 -> bitfield(r, false);
            case 33 -> bitfield(r, true);
            case 34 -> new String[] {"LPUSH", LIST, "e"};
            case 35 -> new String[] {"SET", k, binary(r, 1 + r.nextInt(40))};  // bit patterns for the bit commands
            case 36 -> new String[] {"GET", k};
            case 37 -> new String[] {"MGET", k, key(r)};
            default -> new String[] {"SETBIT", k, String.valueOf(r.nextInt(120)), String.valueOf(r.nextInt(2))};
        };
        return track(c);
    }

    // Numbers around the edges of a w-bit field, signed or unsigned: where the overflow rules decide.
    private static String edge(Random r, int width) {
        long half = width >= 64 ? Long.MAX_VALUE : 1L << (width - 1);
        long full = width >= 63 ? Long.MAX_VALUE : 1L << width;
        long around = switch (r.nextInt(6)) {
            case 0 -> half;
            case 1 -> -half;
            case 2 -> full;
            case 3 -> -full;
            case 4 -> r.nextLong();
            default -> 0;
        };
        return String.valueOf(around + r.nextInt(5) - 2);
    }

    // Bitmaps only: BITFIELD with every overflow mode at the edges of its types, and the range commands in BIT units.
    private String[] bitsCommand(Random r) {
        String k = KEYS[r.nextInt(2)];
        return track(switch (r.nextInt(8)) {
            case 0 -> new String[] {"SET", k, binary(r, r.nextInt(10))};
            case 1, 2, 3, 4 -> {
                List<String> c = new ArrayList<>(List.of("BITFIELD", k));
                int ops = 1 + r.nextInt(4);
                for (int i = 0; i < ops; i++) {
                    c.add("OVERFLOW");
                    c.add(switch (r.nextInt(3)) {
                        case 0 -> "WRAP";
                        case 1 -> "SAT";
                        default -> "FAIL";
                    });
                    boolean signed = r.nextBoolean();
                    int width = 1 + r.nextInt(signed ? 64 : 63);
                    c.add(r.nextInt(3) == 0 ? "SET" : "INCRBY");
                    c.add((signed ? "i" : "u") + width);
                    c.add(String.valueOf(r.nextInt(40)));
                    c.add(edge(r, width));
                    c.add("GET");
                    c.add((r.nextBoolean() ? "i" : "u") + (1 + r.nextInt(63)));
                    c.add(String.valueOf(r.nextInt(80)));
                }
                yield c.toArray(new String[0]);
            }
            case 5 -> new String[] {"BITCOUNT", k, String.valueOf(r.nextInt(100) - 50),
                    String.valueOf(r.nextInt(100) - 50), "BIT"};
            case 6 -> new String[] {"BITPOS", k, String.valueOf(r.nextInt(2)), String.valueOf(r.nextInt(100) - 50),
                    String.valueOf(r.nextInt(100) - 50), r.nextBoolean() ? "BIT" : "BYTE"};
            default -> new String[] {"GET", k};
        });
    }

    // Keeps changedInPlace, and asks STRLEN instead of OBJECT ENCODING of a key in it.
    private String[] track(String[] c) {
        String name = c[0];
        switch (name) {
            case "SET", "DEL" -> changedInPlace.remove(c[1]);
            case "SETRANGE", "SETBIT", "APPEND", "BITFIELD" -> changedInPlace.add(c[1]);
            case "BITOP" -> changedInPlace.add(c[2]);
            case "OBJECT" -> {
                if (changedInPlace.contains(c[2])) return new String[] {"STRLEN", c[2]};
            }
            default -> { }
        }
        return c;
    }

    // A positive TTL compares as ":+": the servers' clocks are read a moment apart.
    private static byte[] normalized(String[] command, byte[] reply) {
        if (command[0].equals("TTL") && reply.length > 1 && reply[0] == ':' && reply[1] != '-' && reply[1] != '0') {
            return ":+\r\n".getBytes(StandardCharsets.ISO_8859_1);
        }
        return reply;
    }

    /**
     * The standard table, plus a stand-in LPUSH while our server has no list commands: it stores a list record (a
     * packed count, enough for TYPE, DEL, OBJECT ENCODING and WRONGTYPE) and answers LPUSH's count.
     */
    static CommandTable table() {
        CommandTable table = CommandTable.standard();
        if (table.specs().stream().noneMatch(s -> s.name().equals("lpush"))) {
            table.register("lpush", -3, args -> {
                byte[] key = args.get(1);
                int pushed = args.count() - 2;
                return ctx -> {
                    Db db = ctx.db();
                    long a = db.lookup(key, ctx.now());
                    if (a != Db.NIL && db.type(a) != Encoding.LIST_PACKED) throw CommandError.WRONG_TYPE;
                    int count = pushed;
                    if (a != Db.NIL) {
                        byte[] b = db.readPacked(a, 0);
                        count += (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
                    }
                    byte[] b = db.scratch(0, 4);
                    b[0] = (byte) count;
                    b[1] = (byte) (count >>> 8);
                    b[2] = (byte) (count >>> 16);
                    b[3] = (byte) (count >>> 24);
                    db.putPacked(key, Encoding.LIST_PACKED, b, 4, ctx.now());
                    ctx.reply().integer(count);
                };
            });
        }
        return table;
    }

    @Test
    void stringCommandsAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential(table())) {
            long seed = Differential.seed();
            d.run(seed, 6_000, this::command, StringFamilyDifferentialTest::normalized);
            d.run(seed + 1, 2_000, this::bitsCommand);
        }
    }

    @Test
    void limitsAndEdgesAnswerAsRedisDoes() throws Exception {
        assumeTrue(RealRedis.available(), "redis-server is not installed");
        try (Differential d = new Differential(table())) {
            d.both("SET", "k", "foobar");
            // 512 MB: refused before anything is allocated, on both servers.
            d.both("SETRANGE", "k", "536870911", "xx");
            d.both("SETRANGE", "k", "536870912", "");                      // nothing to write: the length
            d.both("SETRANGE", "nokey", "536870912", "");
            d.both("EXISTS", "nokey");
            d.both("SETBIT", "k", "4294967296", "1");
            d.both("GETBIT", "k", "4294967295");
            d.both("BITFIELD", "k", "GET", "u8", "4294967296");
            d.both("BITFIELD", "k", "SET", "i8", "#536870912", "1");
            d.both("APPEND", "k", "");
            // LCS's table limit: two strings of 11 600 bytes need more than 512 MB of table in Redis.
            d.both("SET", "a", "a".repeat(11_600));
            d.both("SET", "b", "b".repeat(11_600));
            d.both("LCS", "a", "b", "LEN");
            d.both("LCS", "a", "b");
            d.both("SET", "b", "ab".repeat(300));
            d.both("LCS", "a", "b", "LEN");
            d.both("LCS", "a", "b", "IDX", "MINMATCHLEN", "2", "WITHMATCHLEN");
            d.both("SETRANGE", "long", "3000000", "x");                   // LCS with an empty string: no table
            d.both("LCS", "long", "nokey", "IDX");
            d.both("LCS", "nokey", "long", "LEN");
            d.both("DEL", "long");
            // Values longer than a scratch array and than a chunk of BITCOUNT's and BITPOS's reads.
            d.both("SETRANGE", "big", "200000", "x");
            d.both("SETBIT", "big", "1700001", "1");
            d.both("SETBIT", "big", "7", "1");
            for (String[] c : new String[][] {{"STRLEN", "big"}, {"BITCOUNT", "big"}, {"BITPOS", "big", "1", "1"},
                    {"BITPOS", "big", "0", "0", "-1"}, {"BITCOUNT", "big", "16383", "16385"},
                    {"BITCOUNT", "big", "131000", "1700001", "BIT"}, {"GETRANGE", "big", "199998", "-1"},
                    {"BITOP", "NOT", "inverted", "big"}, {"BITPOS", "inverted", "1", "-2"},
                    {"BITCOUNT", "inverted"}, {"BITOP", "XOR", "both", "big", "inverted", "k"},
                    {"BITCOUNT", "both", "0", "-1"}, {"BITFIELD", "big", "GET", "u16", "#106250"},
                    {"LCS", "big", "k", "LEN"}, {"GETBIT", "big", "1700001"}}) {
                d.both(c);
            }
            // Arity and the commands' own argument-count rules.
            for (String name : new String[] {"SETEX", "PSETEX", "GETSET", "GETRANGE", "SUBSTR", "SETRANGE", "MSETNX",
                    "LCS", "SETBIT", "GETBIT", "BITCOUNT", "BITPOS", "BITOP", "BITFIELD", "BITFIELD_RO"}) {
                d.both(name);
                d.both(name, "k");
            }
            d.both("BITOP", "NOT", "dest", "k", "k");
            d.both("BITOP", "AND", "dest");
            d.both("BITFIELD", "k", "OVERFLOW", "SAT", "SET", "i8", "0", "-9223372036854775808", "GET", "i8", "0");
            d.both("BITFIELD", "k", "SET", "i64", "0", "-9223372036854775808", "INCRBY", "i64", "0", "-1",
                    "OVERFLOW", "SAT", "INCRBY", "i64", "0", "-1", "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "-1");
            d.both("BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "u63", "0", "-1", "INCRBY", "u63", "0",
                    "9223372036854775807", "INCRBY", "u63", "0", "1");
        }
    }
}
