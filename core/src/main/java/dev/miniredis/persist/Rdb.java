package dev.miniredis.persist;

import java.nio.charset.StandardCharsets;

/**
 * The numbers of the RDB format, version 10, as Redis 7.0's {@code rdb.h} defines them, and the two small helpers both
 * directions need: what a value type is called, and whether a byte string is an integer the way Redis's
 * {@code string2ll} sees one.
 *
 * <p>A file is a stream of one-byte <em>opcodes</em> and <em>value types</em>. An opcode (250 and up) says what comes
 * next in the file: a database number, a deadline, an AUX field, the end. A value type (0 to 21) starts a key: the key
 * as a string, then the value in that type's encoding.
 */
public final class Rdb {
    private Rdb() {
    }

    /** The format version this package writes, and the newest it reads: Redis 7.0 writes 10 (7.0 to 7.4 all load it). */
    public static final int VERSION = 10;
    /** The version Redis writes in the {@code redis-ver} AUX field; this server answers as this version too. */
    public static final String REDIS_VERSION = "7.0.15";

    // Value types. The first five are the plain forms (every element a string); the rest are packed forms.
    /** A string. */
    public static final int TYPE_STRING = 0;
    /** A list as a count and its elements (RDB before 3.2). */
    public static final int TYPE_LIST = 1;
    /** A set as a count and its members: Redis 7.0 writes a hashtable set this way. */
    public static final int TYPE_SET = 2;
    /** A sorted set with scores as decimal strings (RDB before 4.0). */
    public static final int TYPE_ZSET = 3;
    /** A hash as a count and field, value pairs: Redis 7.0 writes a hashtable hash this way. */
    public static final int TYPE_HASH = 4;
    /** A sorted set with binary double scores: Redis 7.0 writes a skiplist sorted set this way. */
    public static final int TYPE_ZSET_2 = 5;
    /** A module value, first form (refused). */
    public static final int TYPE_MODULE_PRE_GA = 6;
    /** A module value (refused). */
    public static final int TYPE_MODULE_2 = 7;
    /** A small hash as a zipmap (Redis before 2.6). */
    public static final int TYPE_HASH_ZIPMAP = 9;
    /** A small list as one ziplist (Redis before 3.2). */
    public static final int TYPE_LIST_ZIPLIST = 10;
    /** A set of integers as an intset. */
    public static final int TYPE_SET_INTSET = 11;
    /** A small sorted set as a ziplist (Redis before 7.0). */
    public static final int TYPE_ZSET_ZIPLIST = 12;
    /** A small hash as a ziplist (Redis before 7.0). */
    public static final int TYPE_HASH_ZIPLIST = 13;
    /** A list as a quicklist of ziplists (Redis 3.2 to 6.2). */
    public static final int TYPE_LIST_QUICKLIST = 14;
    /** A stream (refused). */
    public static final int TYPE_STREAM_LISTPACKS = 15;
    /** A small hash as a listpack (Redis 7.0). */
    public static final int TYPE_HASH_LISTPACK = 16;
    /** A small sorted set as a listpack (Redis 7.0). */
    public static final int TYPE_ZSET_LISTPACK = 17;
    /** A list as a quicklist of listpacks (Redis 7.0). */
    public static final int TYPE_LIST_QUICKLIST_2 = 18;
    /** A stream, second form (refused). */
    public static final int TYPE_STREAM_LISTPACKS_2 = 19;
    /** A small set as a listpack (Redis 7.2, RDB 11; read for good measure). */
    public static final int TYPE_SET_LISTPACK = 20;
    /** A stream, third form (Redis 7.2; refused). */
    public static final int TYPE_STREAM_LISTPACKS_3 = 21;

    // Opcodes.
    /** A function library's code (Redis 7.0). */
    public static final int OPCODE_FUNCTION2 = 245;
    /** A function library in the release candidates' form. */
    public static final int OPCODE_FUNCTION_PRE_GA = 246;
    /** Data a module saves outside any key (refused). */
    public static final int OPCODE_MODULE_AUX = 247;
    /** The next key's LRU idle time in seconds. */
    public static final int OPCODE_IDLE = 248;
    /** The next key's LFU counter. */
    public static final int OPCODE_FREQ = 249;
    /** A name and a value about the file: {@code redis-ver}, {@code ctime}, ... */
    public static final int OPCODE_AUX = 250;
    /** The sizes of the database that follows, a hint for preallocating. */
    public static final int OPCODE_RESIZEDB = 251;
    /** The next key's deadline in epoch milliseconds, 8 bytes little-endian. */
    public static final int OPCODE_EXPIRETIME_MS = 252;
    /** The next key's deadline in epoch seconds, 4 bytes little-endian (RDB before 3). */
    public static final int OPCODE_EXPIRETIME = 253;
    /** The keys that follow belong to this database. */
    public static final int OPCODE_SELECTDB = 254;
    /** The end of the data; the 8-byte checksum follows. */
    public static final int OPCODE_EOF = 255;

    // Length encodings: the two high bits of a length's first byte.
    /** {@code 00xxxxxx}: a length up to 63 in this byte. */
    static final int LEN_6BIT = 0;
    /** {@code 01xxxxxx yyyyyyyy}: a length up to 16383, big-endian. */
    static final int LEN_14BIT = 1;
    /** {@code 0x80} then 4 bytes big-endian, or {@code 0x81} then 8. */
    static final int LEN_32_OR_64BIT = 2;
    /** {@code 11xxxxxx}: not a length but a special string encoding: an integer or LZF. */
    static final int LEN_ENCODED = 3;
    static final int LEN_32BIT = 0x80;
    static final int LEN_64BIT = 0x81;
    /** {@code 11000000}: the string is an 8-bit integer. */
    static final int ENC_INT8 = 0;
    /** {@code 11000001}: the string is a 16-bit integer, little-endian. */
    static final int ENC_INT16 = 1;
    /** {@code 11000010}: the string is a 32-bit integer, little-endian. */
    static final int ENC_INT32 = 2;
    /** {@code 11000011}: the string is LZF-compressed: compressed length, original length, the compressed bytes. */
    static final int ENC_LZF = 3;

    /** A quicklist node holding one big element as it is (Redis 7.0, elements of 1 GB and more). */
    static final int QUICKLIST_NODE_PLAIN = 1;
    /** A quicklist node holding a listpack. */
    static final int QUICKLIST_NODE_PACKED = 2;

    /**
     * What a value type is called in messages, for example {@code "stream (RDB_TYPE_STREAM_LISTPACKS_2)"}.
     *
     * @param type a value type byte
     * @return a readable name
     */
    public static String typeName(int type) {
        return switch (type) {
            case TYPE_STRING -> "string (RDB_TYPE_STRING)";
            case TYPE_LIST -> "list (RDB_TYPE_LIST)";
            case TYPE_SET -> "set (RDB_TYPE_SET)";
            case TYPE_ZSET -> "sorted set (RDB_TYPE_ZSET)";
            case TYPE_HASH -> "hash (RDB_TYPE_HASH)";
            case TYPE_ZSET_2 -> "sorted set (RDB_TYPE_ZSET_2)";
            case TYPE_MODULE_PRE_GA -> "module value (RDB_TYPE_MODULE_PRE_GA)";
            case TYPE_MODULE_2 -> "module value (RDB_TYPE_MODULE_2)";
            case TYPE_HASH_ZIPMAP -> "hash (RDB_TYPE_HASH_ZIPMAP)";
            case TYPE_LIST_ZIPLIST -> "list (RDB_TYPE_LIST_ZIPLIST)";
            case TYPE_SET_INTSET -> "set (RDB_TYPE_SET_INTSET)";
            case TYPE_ZSET_ZIPLIST -> "sorted set (RDB_TYPE_ZSET_ZIPLIST)";
            case TYPE_HASH_ZIPLIST -> "hash (RDB_TYPE_HASH_ZIPLIST)";
            case TYPE_LIST_QUICKLIST -> "list (RDB_TYPE_LIST_QUICKLIST)";
            case TYPE_STREAM_LISTPACKS -> "stream (RDB_TYPE_STREAM_LISTPACKS)";
            case TYPE_HASH_LISTPACK -> "hash (RDB_TYPE_HASH_LISTPACK)";
            case TYPE_ZSET_LISTPACK -> "sorted set (RDB_TYPE_ZSET_LISTPACK)";
            case TYPE_LIST_QUICKLIST_2 -> "list (RDB_TYPE_LIST_QUICKLIST_2)";
            case TYPE_STREAM_LISTPACKS_2 -> "stream (RDB_TYPE_STREAM_LISTPACKS_2)";
            case TYPE_SET_LISTPACK -> "set (RDB_TYPE_SET_LISTPACK)";
            case TYPE_STREAM_LISTPACKS_3 -> "stream (RDB_TYPE_STREAM_LISTPACKS_3)";
            default -> "unknown type " + type;
        };
    }

    /**
     * Whether {@code s} is an integer exactly as Redis's {@code string2ll} accepts one: an optional minus, digits
     * without a leading zero (except {@code "0"} itself), within a {@code long}; no plus sign, no spaces, no
     * {@code "-0"}. Only such strings may be stored as integers, because only they print back to the same bytes.
     *
     * @param s the bytes
     * @return true if {@link #parseCanonicalLong} may be called on them
     */
    public static boolean isCanonicalLong(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 20) return false;
        if (n == 1) return s[0] >= '0' && s[0] <= '9';
        int i = 0;
        boolean negative = s[0] == '-';
        if (negative) i = 1;
        if (s[i] < '1' || s[i] > '9') return false;     // no leading zero, no "-0", no "-"
        long value = 0;                                  // accumulated as a negative number: |Long.MIN_VALUE| fits
        for (; i < n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) return false;
            if (value < Long.MIN_VALUE / 10) return false;
            value *= 10;
            if (value < Long.MIN_VALUE + d) return false;
            value -= d;
        }
        return negative || value != Long.MIN_VALUE;
    }

    /**
     * The value of a string that {@link #isCanonicalLong} accepted.
     *
     * @param s canonical decimal digits
     * @return the number
     */
    public static long parseCanonicalLong(byte[] s) {
        int i = s[0] == '-' ? 1 : 0;
        long value = 0;
        for (; i < s.length; i++) value = value * 10 - (s[i] - '0');
        return s[0] == '-' ? value : -value;
    }

    /**
     * A number as the decimal bytes Redis prints for it.
     *
     * @param value the number
     * @return its digits, with a minus sign if negative
     */
    public static byte[] decimal(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
